//! Per-language rule tables for `engine`, written for Folio from Pygments' observable
//! output (its token dumps), in `regex` syntax.

pub(crate) mod bash;
pub(crate) mod c;
pub(crate) mod css;
pub(crate) mod diff;
pub(crate) mod docker;
pub(crate) mod erlang;
pub(crate) mod go;
pub(crate) mod haskell;
pub(crate) mod ini;
pub(crate) mod java;
pub(crate) mod javascript;
pub(crate) mod json;
pub(crate) mod kotlin;
pub(crate) mod make;
pub(crate) mod markup;
pub(crate) mod nginx;
pub(crate) mod powershell;
pub(crate) mod pytb;
pub(crate) mod python;
pub(crate) mod rust;
pub(crate) mod sql;
pub(crate) mod swift;
pub(crate) mod tex;
pub(crate) mod toml;
pub(crate) mod yaml;
