"""Organisations that receive work, the people who act for them, sectors and jurisdictions."""

from accounts.models.sectors import Jurisdiction, Sector
from accounts.models.units import Unit, UnitKind
from accounts.models.users import LoginFailure, User

__all__ = ["Jurisdiction", "LoginFailure", "Sector", "Unit", "UnitKind", "User"]
