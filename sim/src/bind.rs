//! gin `BindJSON` for the request structs of v2.0.8 (docs/api.md#binding).
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

use crate::godecode::{decode_first, JVal};
use std::collections::HashMap;

/// Go field types that appear in the v2.0.8 request structs.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    Str,
    I32,
    U32,
    Bool,
    /// `[]string`
    StrList,
    /// `map[string]interface{}`
    AnyMap,
    /// `[]*T`
    StructList(&'static StructDef),
    /// `*T`
    StructPtr(&'static StructDef),
    /// An embedded struct: its JSON fields are promoted, but validation
    /// namespaces include its type name (`UpdateSelfUserInfoReq.ApiUserInfo.UserID`).
    Embedded(&'static StructDef),
}

/// validator v10 tags used by the `binding:"..."` strings.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    Required,
    OmitEmpty,
    Min(i64),
    Max(i64),
    Lte(i64),
    OneOf(&'static [i64]),
}

#[derive(Debug)]
pub struct FieldDef {
    pub go: &'static str,
    pub json: &'static str,
    pub ty: Ty,
    pub rules: &'static [Rule],
}

#[derive(Debug)]
pub struct StructDef {
    /// Package name as Go prints it in type names (`base_info`).
    pub pkg: &'static str,
    pub name: &'static str,
    pub fields: &'static [FieldDef],
}

impl StructDef {
    pub fn go_type(&self) -> String {
        format!("{}.{}", self.pkg, self.name)
    }
}

/// A decoded field value; absent fields hold Go's zero value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Str(String),
    Int(i64),
    Bool(bool),
    /// `None` is a nil slice (absent or `null`).
    StrList(Option<Vec<String>>),
    /// `None` is a nil map.
    AnyMap(Option<Vec<(String, JVal)>>),
    /// `None` is a nil slice; `Some(None)` elements are nil pointers.
    StructList(Option<Vec<Option<Obj>>>),
    StructPtr(Option<Box<Obj>>),
}

/// A decoded struct, keyed by JSON field name (embedded fields flattened).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Obj {
    vals: HashMap<&'static str, Val>,
}

impl Obj {
    pub fn str(&self, json: &str) -> String {
        match self.vals.get(json) {
            Some(Val::Str(s)) => s.clone(),
            _ => String::new(),
        }
    }

    pub fn int(&self, json: &str) -> i64 {
        match self.vals.get(json) {
            Some(Val::Int(i)) => *i,
            _ => 0,
        }
    }

    pub fn bool(&self, json: &str) -> bool {
        matches!(self.vals.get(json), Some(Val::Bool(true)))
    }

    /// A `[]string`; nil and empty both come back empty.
    pub fn strs(&self, json: &str) -> Vec<String> {
        match self.vals.get(json) {
            Some(Val::StrList(Some(v))) => v.clone(),
            _ => Vec::new(),
        }
    }

    pub fn map(&self, json: &str) -> Option<Vec<(String, JVal)>> {
        match self.vals.get(json) {
            Some(Val::AnyMap(m)) => m.clone(),
            _ => None,
        }
    }

    pub fn structs(&self, json: &str) -> Vec<Option<Obj>> {
        match self.vals.get(json) {
            Some(Val::StructList(Some(v))) => v.clone(),
            _ => Vec::new(),
        }
    }

    pub fn ptr(&self, json: &str) -> Option<Obj> {
        match self.vals.get(json) {
            Some(Val::StructPtr(Some(o))) => Some((**o).clone()),
            _ => None,
        }
    }

    pub fn get(&self, json: &str) -> Option<&Val> {
        self.vals.get(json)
    }
}

/// `c.BindJSON(&req)`: the decoded struct or the error text gin reports.
pub fn bind(body: &[u8], def: &'static StructDef) -> Result<Obj, String> {
    let value = decode_first(body)?;
    let obj = unmarshal_top(&value, def)?;
    validate(&obj, def)?;
    Ok(obj)
}

/// Step 2 only (no validation): used when a struct is decoded but validated
/// elsewhere.
pub fn unmarshal_top(value: &JVal, def: &'static StructDef) -> Result<Obj, String> {
    let mut d = Decoder { first_error: None };
    let mut obj = zero_obj(def);
    match value {
        JVal::Obj(fields) => d.object(fields, def, &mut obj, &[]),
        JVal::Null => {}
        other => d.save(format!(
            "json: cannot unmarshal {} into Go value of type {}",
            other.kind(),
            def.go_type()
        )),
    }
    match d.first_error {
        Some(e) => Err(e),
        None => Ok(obj),
    }
}

fn zero_obj(def: &'static StructDef) -> Obj {
    let mut obj = Obj::default();
    for f in def.fields {
        match f.ty {
            Ty::Embedded(inner) => {
                let z = zero_obj(inner);
                obj.vals.extend(z.vals);
            }
            ty => {
                obj.vals.insert(f.json, zero_val(ty));
            }
        }
    }
    obj
}

fn zero_val(ty: Ty) -> Val {
    match ty {
        Ty::Str => Val::Str(String::new()),
        Ty::I32 | Ty::U32 => Val::Int(0),
        Ty::Bool => Val::Bool(false),
        Ty::StrList => Val::StrList(None),
        Ty::AnyMap => Val::AnyMap(None),
        Ty::StructList(_) => Val::StructList(None),
        Ty::StructPtr(_) => Val::StructPtr(None),
        Ty::Embedded(_) => Val::StructPtr(None),
    }
}

fn go_type_name(ty: Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::I32 => "int32".into(),
        Ty::U32 => "uint32".into(),
        Ty::Bool => "bool".into(),
        Ty::StrList => "[]string".into(),
        Ty::AnyMap => "map[string]interface {}".into(),
        Ty::StructList(d) => format!("[]*{}", d.go_type()),
        Ty::StructPtr(d) | Ty::Embedded(d) => d.go_type(),
    }
}

/// The promoted (flattened) field list of a struct.
fn flat_fields(def: &'static StructDef) -> Vec<&'static FieldDef> {
    let mut out = Vec::new();
    for f in def.fields {
        match f.ty {
            Ty::Embedded(inner) => out.extend(flat_fields(inner)),
            _ => out.push(f),
        }
    }
    out
}

/// Go matches keys exactly first, then case-insensitively.
fn find_field(fields: &[&'static FieldDef], key: &str) -> Option<&'static FieldDef> {
    fields
        .iter()
        .find(|f| f.json == key)
        .or_else(|| fields.iter().find(|f| f.json.eq_ignore_ascii_case(key)))
        .copied()
}

struct Decoder {
    first_error: Option<String>,
}

/// Where a value is being stored, for `UnmarshalTypeError` (Go 1.15+ keeps
/// the innermost struct name and the full JSON field path).
struct Ctx<'a> {
    struct_name: &'a str,
    path: Vec<&'static str>,
}

impl Decoder {
    fn save(&mut self, e: String) {
        if self.first_error.is_none() {
            self.first_error = Some(e);
        }
    }

    fn type_error(&mut self, ctx: &Ctx, value: &str, ty: &str) {
        self.save(format!(
            "json: cannot unmarshal {value} into Go struct field {}.{} of type {ty}",
            ctx.struct_name,
            ctx.path.join(".")
        ));
    }

    fn object(
        &mut self,
        fields: &[(String, JVal)],
        def: &'static StructDef,
        obj: &mut Obj,
        parent_path: &[&'static str],
    ) {
        let flat = flat_fields(def);
        for (key, v) in fields {
            let Some(f) = find_field(&flat, key) else {
                continue; // unknown keys are ignored
            };
            let mut path = parent_path.to_vec();
            path.push(f.json);
            let ctx = Ctx {
                struct_name: def.name,
                path,
            };
            let current = obj.vals.get(f.json).cloned().unwrap_or(zero_val(f.ty));
            let new = self.store(v, f.ty, current, &ctx);
            obj.vals.insert(f.json, new);
        }
    }

    /// Stores `v` into a field of type `ty`; on mismatch records the error
    /// and keeps the previous value, as `encoding/json` does.
    fn store(&mut self, v: &JVal, ty: Ty, current: Val, ctx: &Ctx) -> Val {
        if let JVal::Null = v {
            // null leaves scalars alone and sets slices/maps/pointers to nil.
            return match ty {
                Ty::Str | Ty::I32 | Ty::U32 | Ty::Bool => current,
                other => zero_val(other),
            };
        }
        match ty {
            Ty::Str => match v {
                JVal::Str(s) => Val::Str(s.clone()),
                other => {
                    self.type_error(ctx, other.kind(), "string");
                    current
                }
            },
            Ty::I32 | Ty::U32 => match v {
                JVal::Num(lit) => match parse_go_int(lit, ty) {
                    Some(n) => Val::Int(n),
                    None => {
                        self.type_error(ctx, &format!("number {lit}"), &go_type_name(ty));
                        current
                    }
                },
                other => {
                    self.type_error(ctx, other.kind(), &go_type_name(ty));
                    current
                }
            },
            Ty::Bool => match v {
                JVal::Bool(b) => Val::Bool(*b),
                other => {
                    self.type_error(ctx, other.kind(), "bool");
                    current
                }
            },
            Ty::StrList => match v {
                JVal::Arr(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        match item {
                            JVal::Str(s) => out.push(s.clone()),
                            JVal::Null => out.push(String::new()),
                            other => {
                                self.type_error(ctx, other.kind(), "string");
                                out.push(String::new());
                            }
                        }
                    }
                    Val::StrList(Some(out))
                }
                other => {
                    self.type_error(ctx, other.kind(), "[]string");
                    current
                }
            },
            Ty::AnyMap => match v {
                JVal::Obj(fields) => {
                    self.check_numbers(v, ctx);
                    Val::AnyMap(Some(fields.clone()))
                }
                other => {
                    self.type_error(ctx, other.kind(), "map[string]interface {}");
                    current
                }
            },
            Ty::StructList(def) => match v {
                JVal::Arr(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        match item {
                            JVal::Null => out.push(None),
                            JVal::Obj(fields) => {
                                let mut o = zero_obj(def);
                                self.object(fields, def, &mut o, &ctx.path);
                                out.push(Some(o));
                            }
                            other => {
                                self.type_error(ctx, other.kind(), &def.go_type());
                                out.push(Some(zero_obj(def)));
                            }
                        }
                    }
                    Val::StructList(Some(out))
                }
                other => {
                    self.type_error(ctx, other.kind(), &go_type_name(ty));
                    current
                }
            },
            Ty::StructPtr(def) | Ty::Embedded(def) => match v {
                JVal::Obj(fields) => {
                    let mut o = match current {
                        Val::StructPtr(Some(o)) => *o,
                        _ => zero_obj(def),
                    };
                    self.object(fields, def, &mut o, &ctx.path);
                    Val::StructPtr(Some(Box::new(o)))
                }
                other => {
                    self.type_error(ctx, other.kind(), &def.go_type());
                    current
                }
            },
        }
    }

    /// Numbers inside `interface{}` become float64; one that overflows it is
    /// a type error.
    fn check_numbers(&mut self, v: &JVal, ctx: &Ctx) {
        match v {
            JVal::Num(lit) => {
                let f: f64 = lit.parse().unwrap_or(f64::INFINITY);
                if !f.is_finite() {
                    self.type_error(ctx, &format!("number {lit}"), "float64");
                }
            }
            JVal::Arr(items) => items.iter().for_each(|i| self.check_numbers(i, ctx)),
            JVal::Obj(fields) => fields.iter().for_each(|(_, i)| self.check_numbers(i, ctx)),
            _ => {}
        }
    }
}

/// `strconv.ParseInt(lit, 10, 64)` plus the int32/uint32 overflow check.
fn parse_go_int(lit: &str, ty: Ty) -> Option<i64> {
    match ty {
        Ty::U32 => {
            if lit.starts_with('-') {
                return None;
            }
            let n: u64 = lit.parse().ok()?;
            (n <= u32::MAX as u64).then_some(n as i64)
        }
        _ => {
            let n: i64 = lit.parse().ok()?;
            (i32::MIN as i64..=i32::MAX as i64)
                .contains(&n)
                .then_some(n)
        }
    }
}

/// validator v10 over the `binding` tags; errors joined with `\n`.
fn validate(obj: &Obj, def: &'static StructDef) -> Result<(), String> {
    let mut errors = Vec::new();
    validate_into(obj, def, def.name, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn validate_into(obj: &Obj, def: &'static StructDef, ns: &str, errors: &mut Vec<String>) {
    for f in def.fields {
        if let Ty::Embedded(inner) = f.ty {
            validate_into(obj, inner, &format!("{ns}.{}", f.go), errors);
            continue;
        }
        let Some(v) = obj.get(f.json) else { continue };
        if let Some(tag) = failing_tag(v, f.rules) {
            errors.push(format!(
                "Key: '{ns}.{}' Error:Field validation for '{}' failed on the '{tag}' tag",
                f.go, f.go
            ));
        }
    }
}

/// The first tag that fails, if any. Strings count runes; slices count
/// elements; `required` on a slice or map only rejects nil.
fn failing_tag(v: &Val, rules: &[Rule]) -> Option<&'static str> {
    let is_zero = match v {
        Val::Str(s) => s.is_empty(),
        Val::Int(i) => *i == 0,
        Val::Bool(b) => !*b,
        Val::StrList(l) => l.is_none(),
        Val::AnyMap(m) => m.is_none(),
        Val::StructList(l) => l.is_none(),
        Val::StructPtr(p) => p.is_none(),
    };
    let size = match v {
        Val::Str(s) => s.chars().count() as i64,
        Val::Int(i) => *i,
        Val::Bool(b) => *b as i64,
        Val::StrList(l) => l.as_ref().map_or(0, |l| l.len() as i64),
        Val::AnyMap(m) => m.as_ref().map_or(0, |m| m.len() as i64),
        Val::StructList(l) => l.as_ref().map_or(0, |l| l.len() as i64),
        Val::StructPtr(_) => 0,
    };
    for rule in rules {
        match *rule {
            Rule::OmitEmpty => {
                if is_zero {
                    return None;
                }
            }
            Rule::Required => {
                if is_zero {
                    return Some("required");
                }
            }
            Rule::Min(n) => {
                if size < n {
                    return Some("min");
                }
            }
            Rule::Max(n) => {
                if size > n {
                    return Some("max");
                }
            }
            Rule::Lte(n) => {
                if size > n {
                    return Some("lte");
                }
            }
            Rule::OneOf(set) => {
                if !set.contains(&size) {
                    return Some("oneof");
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::*;

    #[test]
    fn required_messages_are_joined() {
        let e = bind(b"{}", &ACCOUNT_CHECK_REQ).unwrap_err();
        assert_eq!(
            e,
            "Key: 'AccountCheckReq.OperationID' Error:Field validation for 'OperationID' failed on the 'required' tag\n\
             Key: 'AccountCheckReq.CheckUserIDList' Error:Field validation for 'CheckUserIDList' failed on the 'required' tag"
        );
    }

    #[test]
    fn type_errors_name_go_struct_fields() {
        let e = bind(br#"{"operationID":1}"#, &ACCOUNT_CHECK_REQ).unwrap_err();
        assert_eq!(
            e,
            "json: cannot unmarshal number into Go struct field AccountCheckReq.operationID of type string"
        );
        let e = bind(
            br#"{"operationID":"o","ownerUserID":"u","memberList":[{"userID":"a","roleLevel":"1"}]}"#,
            &CREATE_GROUP_REQ,
        )
        .unwrap_err();
        assert_eq!(
            e,
            "json: cannot unmarshal string into Go struct field GroupAddMemberInfo.memberList.roleLevel of type int32"
        );
        let e = bind(b"[]", &ACCOUNT_CHECK_REQ).unwrap_err();
        assert_eq!(
            e,
            "json: cannot unmarshal array into Go value of type base_info.AccountCheckReq"
        );
    }

    #[test]
    fn keys_match_case_insensitively() {
        let o = bind(
            br#"{"OPERATIONID":"x","checkuseridlist":[]}"#,
            &ACCOUNT_CHECK_REQ,
        )
        .unwrap();
        assert_eq!(o.str("operationID"), "x");
    }
}
