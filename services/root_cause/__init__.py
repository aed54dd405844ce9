"""root-cause: Calibrated root-cause classifier that abstains on what it has not seen."""
