//! The request structs described as data: Go field names, types and
//! `binding` rules, so every message can name them as Go does.

/// Go field types that appear in the request structs.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    Str,
    I32,
    U32,
    /// `int64` (the CMS's phone number).
    I64,
    Bool,
    /// `*string`: absent or `null` is nil, told apart from `""`.
    StrPtr,
    /// `*int32`: absent or `null` is nil, told apart from 0.
    I32Ptr,
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
    /// Validate each element of a struct list by its own tags.
    Dive,
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

pub(super) fn go_type_name(ty: Ty) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::I32 => "int32".into(),
        Ty::U32 => "uint32".into(),
        Ty::I64 => "int64".into(),
        Ty::Bool => "bool".into(),
        // encoding/json names the pointer's element type in its errors.
        Ty::StrPtr => "string".into(),
        Ty::I32Ptr => "int32".into(),
        Ty::StrList => "[]string".into(),
        Ty::AnyMap => "map[string]interface {}".into(),
        Ty::StructList(d) => format!("[]*{}", d.go_type()),
        Ty::StructPtr(d) | Ty::Embedded(d) => d.go_type(),
    }
}

/// The promoted (flattened) field list of a struct.
pub(super) fn flat_fields(def: &'static StructDef) -> Vec<&'static FieldDef> {
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
pub(super) fn find_field(fields: &[&'static FieldDef], key: &str) -> Option<&'static FieldDef> {
    fields
        .iter()
        .find(|f| f.json == key)
        .or_else(|| fields.iter().find(|f| f.json.eq_ignore_ascii_case(key)))
        .copied()
}
