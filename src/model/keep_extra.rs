//! Reading a JSON object into a struct while keeping the fields this version
//! does not know, without serde's `flatten`: flatten buffers every value of the
//! object before it is read, which made loading 10,000 annotations three
//! times slower.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// An object key, borrowed from the input when it holds no escapes.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Implements `Deserialize` for a struct whose unknown fields go to its
/// `extra` map. `required` fields must be present; `optional` ones take their
/// type's default when absent. Field names are the JSON keys. A repeated key is
/// an error, as it is for serde's derived structs.
macro_rules! deserialize_keeping_extra {
    ($ty:ident, $what:literal, required { $($req:ident),* $(,)? }, optional { $($opt:ident),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct FieldsVisitor;
                impl<'de> serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        $(let mut $req = None;)*
                        $(let mut $opt = None;)*
                        let mut extra = $crate::model::Extra::new();
                        while let Some(key) = map.next_key::<$crate::model::keep_extra::Key<'de>>()? {
                            match key.0.as_ref() {
                                $(stringify!($req) => {
                                    if $req.is_some() {
                                        return Err(serde::de::Error::duplicate_field(stringify!($req)));
                                    }
                                    $req = Some(map.next_value()?);
                                })*
                                $(stringify!($opt) => {
                                    if $opt.is_some() {
                                        return Err(serde::de::Error::duplicate_field(stringify!($opt)));
                                    }
                                    $opt = Some(map.next_value()?);
                                })*
                                _ => {
                                    let value: serde_json::Value = map.next_value()?;
                                    if extra.insert(key.0.into_owned(), value).is_some() {
                                        return Err(serde::de::Error::custom("duplicate field"));
                                    }
                                }
                            }
                        }
                        Ok($ty {
                            $($req: $req.ok_or_else(|| serde::de::Error::missing_field(stringify!($req)))?,)*
                            $($opt: $opt.unwrap_or_default(),)*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(FieldsVisitor)
            }
        }
    };
}

pub(crate) use deserialize_keeping_extra;

#[cfg(test)]
mod tests {
    use crate::model::{Annotation, Target};

    #[test]
    fn unknown_fields_are_kept_and_known_ones_read() {
        let t: Target = serde_json::from_str(
            r#"{"start": 1, "end": 2, "exact": "a", "x-new": [1, {"k": null}]}"#,
        )
        .unwrap();
        assert_eq!((t.start.get(), t.end.get(), t.exact.as_str()), (1, 2, "a"));
        assert_eq!(t.prefix, "", "an absent optional field takes its default");
        assert_eq!(t.extra["x-new"], serde_json::json!([1, {"k": null}]));
    }

    #[test]
    fn keys_with_escapes_are_read_like_any_other() {
        let t: Target =
            serde_json::from_str(r#"{"st\u0061rt": 1, "end": 2, "exact": "a", "\u00e9": 3}"#)
                .unwrap();
        assert_eq!(t.start.get(), 1);
        assert_eq!(t.extra["é"], 3);
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let err = serde_json::from_str::<Target>(r#"{"start": 1, "exact": "a"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `end`"), "{err}");
    }

    #[test]
    fn a_repeated_key_is_an_error_known_or_not() {
        let err =
            serde_json::from_str::<Target>(r#"{"start": 1, "start": 2, "end": 2, "exact": "a"}"#)
                .unwrap_err();
        assert!(err.to_string().contains("duplicate field `start`"), "{err}");
        let err = serde_json::from_str::<Target>(
            r#"{"start": 1, "end": 2, "exact": "a", "z": 1, "z": 2}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("duplicate field"), "{err}");
    }

    #[test]
    fn a_null_optional_value_is_absent_and_a_wrong_type_is_an_error() {
        let a: Annotation = serde_json::from_str(
            r#"{"id": "x", "target": {"start": 0, "end": 0, "exact": ""}, "verdict": null}"#,
        )
        .unwrap();
        assert_eq!(a.verdict, None);
        let err = serde_json::from_str::<Annotation>(
            r#"{"id": "x", "target": {"start": 0, "end": 0, "exact": ""}, "note": 5}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid type: integer `5`, expected a string"),
            "{err}"
        );
        let err = serde_json::from_str::<Annotation>(r#"["x"]"#).unwrap_err();
        assert!(
            err.to_string().contains("expected an annotation object"),
            "{err}"
        );
    }
}
