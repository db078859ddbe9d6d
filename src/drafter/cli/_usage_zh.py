"""argparse in Chinese: its usage errors and help headings, like every other message of drafter.

argparse builds its messages with ``gettext`` at the moment it needs them; :func:`chinese` swaps
its translation function for this table while drafter's parser is built and used, then puts the
original back (the process may hold other argparse users, such as a test runner). A message the
table does not know passes through unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 用法错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项 %(option)s，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可用：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
}
_PLURALS = {"expected %s argument": "需要 %s 个值", "expected %s arguments": "需要 %s 个值"}


def translate(message: str) -> str:
    """The Chinese of an argparse message, or the message itself."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """The Chinese of an argparse message with a count."""
    chosen = singular if n == 1 else plural
    return _PLURALS.get(chosen, MESSAGES.get(chosen, chosen))


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse speaks Chinese inside this block."""
    saved = argparse._, getattr(argparse, "ngettext", None)  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]
    if saved[1] is not None:
        argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved[0]  # type: ignore[attr-defined]
        if saved[1] is not None:
            argparse.ngettext = saved[1]  # type: ignore[attr-defined]
