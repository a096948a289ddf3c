//! Storage
