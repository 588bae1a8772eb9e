//! The integration tests of anlauf, one binary with a module per area. Every test runs against
//! real things: a temporary sled store, the real binary in a pseudo-terminal, files on disk.

mod support;

mod backup;
mod bytes;
mod catalogue_import_screen;
mod catalogue_screen;
mod catalogue_store;
mod config;
mod counts;
mod crash;
mod demo;
mod e2e;
mod export_stats;
mod fixtures;
mod follow_ups;
mod full_disk;
mod history;
mod holidays;
mod hostile;
mod hsds;
mod import_offers;
mod intake;
mod json;
mod leaks;
mod matching;
mod paste;
mod permissions;
mod retention;
mod saved_intakes;
mod schema;
mod screens;
mod serve;
mod serve_lock;
mod serve_log;
mod serve_openssh;
mod serve_security;
mod serve_stall;
mod sessions;
mod signals;
mod slip;
mod stats_screen;
mod store;
mod store_faults;
mod vignettes;
