//! placeholder

use crate::engine::Grammar;

pub(crate) const GRAMMAR: Grammar = &[("root", &[])];
