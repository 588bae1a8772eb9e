//! What the tests share: a desk (the real app on a temporary store), a pseudo-terminal that
//! runs the real binary, and a JSON reader that rejects what strict readers reject.
#![allow(dead_code)] // each area uses its own part

pub mod desk;
pub mod json;
pub mod pty;
pub mod served;
pub mod small_disk;
