from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

class Result:
    def __call__(self, blocking: bool = ..., timeout: float | None = ...) -> Any: ...
    def get(self, blocking: bool = ..., timeout: float | None = ...) -> Any: ...

class TaskWrapper(Generic[P, R]):
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Result: ...
    def schedule(
        self,
        args: tuple[Any, ...] | None = ...,
        kwargs: dict[str, Any] | None = ...,
        eta: datetime | None = ...,
        delay: float | None = ...,
    ) -> Result: ...
    def call_local(self, *args: P.args, **kwargs: P.kwargs) -> R: ...

class Huey:
    name: str
    immediate: bool
    def __init__(self, name: str = ..., **kwargs: Any) -> None: ...
    def pending_count(self) -> int: ...
    def scheduled_count(self) -> int: ...
    def flush(self) -> None: ...
    def create_consumer(self, **options: Any) -> Any: ...
    def __getattr__(self, name: str) -> Any: ...

def crontab(
    minute: str = ...,
    hour: str = ...,
    day: str = ...,
    month: str = ...,
    day_of_week: str = ...,
    strict: bool = ...,
) -> Callable[[datetime], bool]: ...
