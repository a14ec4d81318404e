//! The comparison on real reports.
