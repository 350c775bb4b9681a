//! Per-language rule tables for `engine`, in `regex` syntax. They follow the states and
//! rules of Pygments' own lexers (read in its source, BSD-2-Clause, © the Pygments team)
//! closely, since the aim is Pygments' exact tokens; lookarounds and backreferences the
//! `regex` engines lack are rewritten (see each file), and long word lists are generated
//! from Pygments by `tools/generate.py`. `tests/fidelity.rs` measures the agreement.

pub(crate) mod bash;
pub(crate) mod c;
pub(crate) mod css;
pub(crate) mod diff;
pub(crate) mod docker;
pub(crate) mod elixir;
pub(crate) mod erlang;
pub(crate) mod go;
pub(crate) mod groff;
pub(crate) mod haskell;
pub(crate) mod ini;
pub(crate) mod java;
pub(crate) mod javascript;
pub(crate) mod json;
pub(crate) mod kotlin;
pub(crate) mod lisp;
pub(crate) mod make;
pub(crate) mod markup;
pub(crate) mod nginx;
pub(crate) mod php;
pub(crate) mod powershell;
pub(crate) mod pytb;
pub(crate) mod python;
pub(crate) mod ruby;
pub(crate) mod rust;
pub(crate) mod scala;
pub(crate) mod sql;
pub(crate) mod swift;
pub(crate) mod tex;
pub(crate) mod toml;
pub(crate) mod yaml;
