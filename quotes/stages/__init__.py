"""The pipeline's stages, one module per role; each takes the Draft and returns it with its part done.

Reading the Document (quotation marks included) happens before them, in ``Draft.of``."""
