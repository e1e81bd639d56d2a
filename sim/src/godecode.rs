//! Reads a request body the way gin's `BindJSON` does (docs/api.md#binding).
//!
//! gin hands the body to `json.NewDecoder(body).Decode(&req)`. The decoder
//! reads exactly one value (anything after it is ignored), reports `EOF` for a
//! body with no value and `unexpected EOF` for a cut-off one, and reports
//! syntax errors with the scanner's wording, e.g.
//! `invalid character 'x' looking for beginning of value`. Those texts reach
//! the client verbatim in `errMsg`, so this module reproduces them.

/// A parsed JSON value. Numbers keep their literal text because Go's error
/// messages quote it (`json: cannot unmarshal number 1.5 into ...`).
#[derive(Clone, Debug, PartialEq)]
pub enum JVal {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<JVal>),
    Obj(Vec<(String, JVal)>),
}

impl JVal {
    /// Go's name for the JSON kind, as used in `UnmarshalTypeError.Value`.
    pub fn kind(&self) -> &'static str {
        match self {
            JVal::Null => "null",
            JVal::Bool(_) => "bool",
            JVal::Num(_) => "number",
            JVal::Str(_) => "string",
            JVal::Arr(_) => "array",
            JVal::Obj(_) => "object",
        }
    }

    /// Plain serde_json form, for logs and the state dump.
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            JVal::Null => serde_json::Value::Null,
            JVal::Bool(b) => serde_json::Value::Bool(*b),
            JVal::Num(lit) => serde_json::from_str(lit).unwrap_or(serde_json::Value::Null),
            JVal::Str(s) => serde_json::Value::String(s.clone()),
            JVal::Arr(items) => {
                serde_json::Value::Array(items.iter().map(JVal::to_serde).collect())
            }
            JVal::Obj(fields) => {
                let mut map = serde_json::Map::new();
                for (k, v) in fields {
                    map.insert(k.clone(), v.to_serde());
                }
                serde_json::Value::Object(map)
            }
        }
    }
}

/// Decodes the first JSON value of `input` with Go's error texts.
pub fn decode_first(input: &[u8]) -> Result<JVal, String> {
    let mut p = Parser { s: input, i: 0 };
    p.skip_ws();
    if p.i >= p.s.len() {
        return Err("EOF".to_string());
    }
    p.value()
}

enum Fail {
    Eof,
    Syntax(String),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

type PResult<T> = Result<T, Fail>;

impl From<Fail> for String {
    fn from(f: Fail) -> String {
        match f {
            Fail::Eof => "unexpected EOF".to_string(),
            Fail::Syntax(msg) => msg,
        }
    }
}

impl Parser<'_> {
    fn value(&mut self) -> Result<JVal, String> {
        self.parse_value().map_err(String::from)
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> PResult<u8> {
        self.s.get(self.i).copied().ok_or(Fail::Eof)
    }

    fn bump(&mut self) -> PResult<u8> {
        let c = self.peek()?;
        self.i += 1;
        Ok(c)
    }

    fn err(c: u8, context: &str) -> Fail {
        Fail::Syntax(format!("invalid character {} {}", quote_char(c), context))
    }

    fn parse_value(&mut self) -> PResult<JVal> {
        self.skip_ws();
        let c = self.peek()?;
        match c {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(JVal::Str),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal(b"true", JVal::Bool(true)),
            b'f' => self.literal(b"false", JVal::Bool(false)),
            b'n' => self.literal(b"null", JVal::Null),
            _ => Err(Self::err(c, "looking for beginning of value")),
        }
    }

    fn literal(&mut self, word: &[u8], v: JVal) -> PResult<JVal> {
        self.i += 1;
        let name = std::str::from_utf8(word).unwrap_or("");
        for &expect in &word[1..] {
            let c = self.bump()?;
            if c != expect {
                return Err(Self::err(
                    c,
                    &format!("in literal {name} (expecting {})", quote_char(expect)),
                ));
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> PResult<JVal> {
        let start = self.i;
        if self.peek()? == b'-' {
            self.i += 1;
            let c = self.peek()?;
            if !c.is_ascii_digit() {
                return Err(Self::err(c, "in numeric literal"));
            }
        }
        // Integer part: a lone 0, or 1-9 followed by digits.
        if self.bump()? != b'0' {
            self.digits();
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            let c = self.peek()?;
            if !c.is_ascii_digit() {
                return Err(Self::err(c, "after decimal point in numeric literal"));
            }
            self.digits();
        }
        if matches!(self.s.get(self.i), Some(b'e') | Some(b'E')) {
            self.i += 1;
            let mut c = self.peek()?;
            if c == b'+' || c == b'-' {
                self.i += 1;
                c = self.peek()?;
            }
            if !c.is_ascii_digit() {
                return Err(Self::err(c, "in exponent of numeric literal"));
            }
            self.digits();
        }
        let lit = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
        Ok(JVal::Num(lit))
    }

    fn digits(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
    }

    fn string(&mut self) -> PResult<String> {
        self.i += 1; // opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = self.bump()?;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.bump()?;
                    match e {
                        b'"' => out.push(b'"'),
                        b'\\' => out.push(b'\\'),
                        b'/' => out.push(b'/'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let unit = self.hex4()?;
                            let ch = if (0xD800..0xDC00).contains(&unit) {
                                self.low_surrogate(unit)?
                            } else if (0xDC00..0xE000).contains(&unit) {
                                '\u{FFFD}'
                            } else {
                                char::from_u32(unit).unwrap_or('\u{FFFD}')
                            };
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        other => return Err(Self::err(other, "in string escape code")),
                    }
                }
                c if c < 0x20 => return Err(Self::err(c, "in string literal")),
                c => out.push(c),
            }
        }
        // Go replaces each invalid UTF-8 byte with U+FFFD.
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn hex4(&mut self) -> PResult<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let c = self.bump()?;
            let d = (c as char)
                .to_digit(16)
                .ok_or_else(|| Self::err(c, "in \\u hexadecimal character escape"))?;
            v = v * 16 + d;
        }
        Ok(v)
    }

    /// A high surrogate pairs with a following `\uDC00`-`\uDFFF`; anything
    /// else turns it into U+FFFD (the following escape is read normally).
    fn low_surrogate(&mut self, high: u32) -> PResult<char> {
        if self.s.get(self.i) == Some(&b'\\') && self.s.get(self.i + 1) == Some(&b'u') {
            let save = self.i;
            self.i += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(cp).unwrap_or('\u{FFFD}'));
            }
            self.i = save;
        }
        Ok('\u{FFFD}')
    }

    fn array(&mut self) -> PResult<JVal> {
        self.i += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek()? == b']' {
            self.i += 1;
            return Ok(JVal::Arr(items));
        }
        loop {
            items.push(self.parse_value()?);
            self.skip_ws();
            let c = self.bump()?;
            match c {
                b',' => continue,
                b']' => return Ok(JVal::Arr(items)),
                _ => return Err(Self::err(c, "after array element")),
            }
        }
    }

    fn object(&mut self) -> PResult<JVal> {
        self.i += 1;
        let mut fields = Vec::new();
        self.skip_ws();
        let c = self.peek()?;
        if c == b'}' {
            self.i += 1;
            return Ok(JVal::Obj(fields));
        }
        loop {
            self.skip_ws();
            let c = self.peek()?;
            if c != b'"' {
                return Err(Self::err(c, "looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_ws();
            let c = self.bump()?;
            if c != b':' {
                return Err(Self::err(c, "after object key"));
            }
            let v = self.parse_value()?;
            fields.push((key, v));
            self.skip_ws();
            let c = self.bump()?;
            match c {
                b',' => continue,
                b'}' => return Ok(JVal::Obj(fields)),
                _ => return Err(Self::err(c, "after object key:value pair")),
            }
        }
    }
}

/// Go's `quoteChar`: the byte as a rune in single quotes, escaped like
/// `strconv.Quote`.
pub fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        0x07 => "'\\a'".to_string(),
        0x08 => "'\\b'".to_string(),
        0x0c => "'\\f'".to_string(),
        b'\n' => "'\\n'".to_string(),
        b'\r' => "'\\r'".to_string(),
        b'\t' => "'\\t'".to_string(),
        0x0b => "'\\v'".to_string(),
        b'\\' => "'\\\\'".to_string(),
        c if c < 0x20 || c == 0x7f => format!("'\\x{c:02x}'"),
        c if (0x80..=0xa0).contains(&c) || c == 0xad => format!("'\\u{:04x}'", c as u32),
        c => format!("'{}'", c as char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        decode_first(s.as_bytes()).unwrap_err()
    }

    #[test]
    fn eof_and_unexpected_eof() {
        assert_eq!(err(""), "EOF");
        assert_eq!(err("  \n"), "EOF");
        assert_eq!(err("{"), "unexpected EOF");
        assert_eq!(err("{\"a\":1"), "unexpected EOF");
        assert_eq!(err("[1,"), "unexpected EOF");
    }

    #[test]
    fn syntax_messages() {
        assert_eq!(
            err("x"),
            "invalid character 'x' looking for beginning of value"
        );
        assert_eq!(
            err("{x"),
            "invalid character 'x' looking for beginning of object key string"
        );
        assert_eq!(err("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(
            err("{\"a\":1 \"b\"}"),
            "invalid character '\"' after object key:value pair"
        );
        assert_eq!(err("[1 2]"), "invalid character '2' after array element");
        assert_eq!(
            err("[1,]"),
            "invalid character ']' looking for beginning of value"
        );
        assert_eq!(
            err("{\"a\":tru}"),
            "invalid character '}' in literal true (expecting 'e')"
        );
        assert_eq!(err("-x"), "invalid character 'x' in numeric literal");
        assert_eq!(
            err("1.x"),
            "invalid character 'x' after decimal point in numeric literal"
        );
        assert_eq!(
            err("1ex"),
            "invalid character 'x' in exponent of numeric literal"
        );
        assert_eq!(err("\"a\nb\""), "invalid character '\\n' in string literal");
        assert_eq!(
            err("\"\\q\""),
            "invalid character 'q' in string escape code"
        );
        assert_eq!(
            err("\"\\u12x4\""),
            "invalid character 'x' in \\u hexadecimal character escape"
        );
        assert_eq!(
            err("{'a':1}"),
            "invalid character '\\'' looking for beginning of object key string"
        );
    }

    #[test]
    fn trailing_data_is_ignored() {
        assert_eq!(decode_first(b"{} trailing").unwrap(), JVal::Obj(vec![]));
        assert_eq!(decode_first(b"12x").unwrap(), JVal::Num("12".into()));
    }

    #[test]
    fn strings_and_surrogates() {
        let v = decode_first(br#""\ud83d\ude00 \u00e9 \ud800x""#).unwrap();
        assert_eq!(v, JVal::Str("\u{1F600} é \u{FFFD}x".into()));
    }
}
