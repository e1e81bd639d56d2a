//! gin `BindJSON` for the request structs (docs/api.md#binding).
//!
//! Three steps, each with Go's own error text:
//! 1. read one JSON value (`godecode`): `EOF`, `invalid character ...`;
//! 2. store it into the Go struct (`encoding/json`): the first type mismatch
//!    becomes `json: cannot unmarshal X into Go struct field S.f of type T`;
//! 3. run validator v10 over the `binding` tags: one line per failing field,
//!    `Key: 'S.F' Error:Field validation for 'F' failed on the 'tag' tag`.
//!
//! The request structs are described as data (`StructDef`) so the messages can
//! use the Go type and field names.

use crate::godecode::decode_first;

mod decode;
mod schema;
mod validate;
mod value;

pub use decode::*;
pub use schema::*;
use validate::validate;
pub use value::*;

/// `c.BindJSON(&req)`: the decoded struct or the error text gin reports.
pub fn bind(body: &[u8], def: &'static StructDef) -> Result<Obj, String> {
    let value = decode_first(body)?;
    let obj = unmarshal_top(&value, def)?;
    validate(&obj, def)?;
    Ok(obj)
}
