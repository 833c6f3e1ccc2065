//! Closed lists of named codes (levels, kinds, stages, …): one macro so each list stores a
//! code, reads it back and names it in Chinese and English the same way.

/// A closed list of named codes: each value's stored code and its names in Chinese and English.
macro_rules! named_codes {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $v:ident => $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $v,)*
        }

        impl $name {
            /// Every value, in the order lists and forms show them.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code,)* }
            }

            /// Parses a stored code.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|x| x.code() == s)
            }

            /// The name in Chinese and English.
            pub fn names(self) -> (&'static str, &'static str) {
                match self { $($name::$v => ($zh, $en),)* }
            }

            /// The name in `lang`.
            pub fn name(self, lang: crate::Lang) -> &'static str {
                let (zh, en) = self.names();
                lang.pick(zh, en)
            }

            /// The value named `s` in Chinese or English, or coded `s` (for forms and sheets).
            pub fn parse_words(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|x| x.code() == s || x.names().0 == s || x.names().1.eq_ignore_ascii_case(s))
            }
        }
    };
}

pub(crate) use named_codes;
