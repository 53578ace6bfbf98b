//! What the integration tests share.

use std::sync::OnceLock;

use scrutin::Pipeline;
use scrutin::patterns::Patterns;

/// The pipeline of the bundled patterns, with mentions, built once per test
/// binary.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(&Patterns::bundled())
            .expect("bundled patterns compile")
            .with_mentions(true)
    })
}
