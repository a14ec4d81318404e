//! The core's error type: every failure a user can cause, with a message that says what to do.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Nothing to analyze (empty or whitespace only).
    Empty,
    /// The bytes are not text in an encoding we can read.
    Undecodable(String),
    /// The input is larger than the analyzer accepts.
    TooLarge { bytes: usize, limit: usize },
    /// A checklist (built-in or the user's) is malformed; the message names the item and field.
    Checklist(String),
    /// Options that cannot be honoured.
    Options(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "the input is empty: there is no text to analyze"),
            Error::Undecodable(why) => write!(f, "the input cannot be read as text: {why}"),
            Error::TooLarge { bytes, limit } => write!(
                f,
                "the input is too large ({} MB); the limit is {} MB",
                crate::export::decimal(*bytes as f64 / 1e6, 1),
                crate::export::decimal(*limit as f64 / 1e6, 0)
            ),
            Error::Checklist(why) => write!(f, "invalid checklist: {why}"),
            Error::Options(why) => write!(f, "invalid options: {why}"),
        }
    }
}

impl std::error::Error for Error {}
