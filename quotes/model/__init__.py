"""The transformer: architecture (shared by training and serving), inputs (tokens and windows), runtime
(decoding, the ONNX session, the linker) and weights (model files)."""
