//! Export formats: one module per format, each writing to any `io::Write`.
