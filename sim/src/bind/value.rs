//! A bound request: each field's Go value, and typed reads of it.

use super::*;
use crate::godecode::JVal;
use std::collections::HashMap;

/// A decoded field value; absent fields hold Go's zero value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Str(String),
    Int(i64),
    Bool(bool),
    /// A `*string`; `None` is nil (absent or `null`).
    OptStr(Option<String>),
    /// A `*int32`; `None` is nil (absent or `null`).
    OptInt(Option<i64>),
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
    pub(super) vals: HashMap<&'static str, Val>,
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

    /// A `*string` field: `None` when nil.
    pub fn opt_str(&self, json: &str) -> Option<String> {
        match self.vals.get(json) {
            Some(Val::OptStr(s)) => s.clone(),
            _ => None,
        }
    }

    /// A `*int32` field: `None` when nil.
    pub fn opt_int(&self, json: &str) -> Option<i64> {
        match self.vals.get(json) {
            Some(Val::OptInt(i)) => *i,
            _ => None,
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

pub(super) fn zero_obj(def: &'static StructDef) -> Obj {
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

pub(super) fn zero_val(ty: Ty) -> Val {
    match ty {
        Ty::Str => Val::Str(String::new()),
        Ty::I32 | Ty::U32 | Ty::I64 => Val::Int(0),
        Ty::Bool => Val::Bool(false),
        Ty::StrPtr => Val::OptStr(None),
        Ty::I32Ptr => Val::OptInt(None),
        Ty::StrList => Val::StrList(None),
        Ty::AnyMap => Val::AnyMap(None),
        Ty::StructList(_) => Val::StructList(None),
        Ty::StructPtr(_) => Val::StructPtr(None),
        Ty::Embedded(_) => Val::StructPtr(None),
    }
}
