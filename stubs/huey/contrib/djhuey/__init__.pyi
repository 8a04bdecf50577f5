from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from huey.api import Huey, TaskWrapper

P = ParamSpec("P")
R = TypeVar("R")

HUEY: Huey

def db_task(*args: Any, **kwargs: Any) -> Callable[[Callable[P, R]], TaskWrapper[P, R]]: ...
def db_periodic_task(
    validate_datetime: Callable[..., bool], *args: Any, **kwargs: Any
) -> Callable[[Callable[P, R]], TaskWrapper[P, R]]: ...
def on_startup(*args: Any, **kwargs: Any) -> Callable[[Callable[P, R]], Callable[P, R]]: ...
def __getattr__(name: str) -> Any: ...
