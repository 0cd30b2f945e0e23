"""Best Value reviews and improvement plans: the review programme, the Guide's nine steps, the
improvement plan that follows a review, its progress and the inspection (docs/reviews.md)."""
