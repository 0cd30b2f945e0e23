from .review import Review, ReviewStatus

__all__ = ["Review", "ReviewStatus"]
