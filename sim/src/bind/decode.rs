//! Step 2, `encoding/json` storing one JSON value into a Go struct: the
//! first type mismatch becomes Go's `json: cannot unmarshal ...` error.

use super::*;
use crate::godecode::JVal;

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
                Ty::Str | Ty::I32 | Ty::U32 | Ty::I64 | Ty::Bool => current,
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
            Ty::I32 | Ty::U32 | Ty::I64 => match v {
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
            Ty::StrPtr => match v {
                JVal::Str(s) => Val::OptStr(Some(s.clone())),
                other => {
                    self.type_error(ctx, other.kind(), "string");
                    current
                }
            },
            Ty::I32Ptr => match v {
                JVal::Num(lit) => match parse_go_int(lit, Ty::I32) {
                    Some(n) => Val::OptInt(Some(n)),
                    None => {
                        self.type_error(ctx, &format!("number {lit}"), "int32");
                        current
                    }
                },
                other => {
                    self.type_error(ctx, other.kind(), "int32");
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
pub(super) fn parse_go_int(lit: &str, ty: Ty) -> Option<i64> {
    match ty {
        Ty::U32 => {
            if lit.starts_with('-') {
                return None;
            }
            let n: u64 = lit.parse().ok()?;
            (n <= u32::MAX as u64).then_some(n as i64)
        }
        Ty::I64 => lit.parse().ok(),
        _ => {
            let n: i64 = lit.parse().ok()?;
            (i32::MIN as i64..=i32::MAX as i64)
                .contains(&n)
                .then_some(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::*;

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
