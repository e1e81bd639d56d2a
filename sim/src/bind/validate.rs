//! Step 3, validator v10 over the `binding` tags: one line per failing
//! field, joined as gin joins them.

use super::*;

/// validator v10 over the `binding` tags; errors joined with `\n`.
pub(super) fn validate(obj: &Obj, def: &'static StructDef) -> Result<(), String> {
    let mut errors = Vec::new();
    validate_into(obj, def, def.name, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

pub(super) fn validate_into(
    obj: &Obj,
    def: &'static StructDef,
    ns: &str,
    errors: &mut Vec<String>,
) {
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
            continue;
        }
        if let (Val::StructList(Some(items)), Ty::StructList(inner)) = (v, f.ty) {
            if f.rules.iter().any(|r| matches!(r, Rule::Dive)) {
                for (i, item) in items.iter().enumerate() {
                    if let Some(item) = item {
                        validate_into(item, inner, &format!("{ns}.{}[{i}]", f.go), errors);
                    }
                }
            }
        }
    }
}

/// The first tag that fails, if any. Strings count runes; slices count
/// elements; `required` on a slice or map only rejects nil.
pub(super) fn failing_tag(v: &Val, rules: &[Rule]) -> Option<&'static str> {
    let is_zero = match v {
        Val::Str(s) => s.is_empty(),
        Val::Int(i) => *i == 0,
        Val::Bool(b) => !*b,
        Val::OptStr(p) => p.is_none(),
        Val::OptInt(p) => p.is_none(),
        Val::StrList(l) => l.is_none(),
        Val::AnyMap(m) => m.is_none(),
        Val::StructList(l) => l.is_none(),
        Val::StructPtr(p) => p.is_none(),
    };
    let size = match v {
        Val::Str(s) => s.chars().count() as i64,
        Val::Int(i) => *i,
        Val::Bool(b) => *b as i64,
        Val::OptStr(p) => p.as_ref().map_or(0, |s| s.chars().count() as i64),
        Val::OptInt(p) => p.unwrap_or(0),
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
            // Checked element by element in `validate_into`.
            Rule::Dive => return None,
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
}
