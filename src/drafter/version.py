"""drafter's version, in a module of its own so that any stage can read it without importing the
package's public face (:mod:`drafter`, which imports the API and with it every stage)."""

__version__ = "0.1.0"
