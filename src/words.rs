//! Sets of words asked about at nearly every word of a text, and mostly in
//! vain: their first byte and length turn most words away before a hash.

use rustc_hash::FxHashSet;

/// A few words, looked up often and mostly in vain.
#[derive(Debug, Clone, Default)]
pub(crate) struct FewWords {
    words: FxHashSet<Box<[u8]>>,
    shapes: Shapes,
}

impl FewWords {
    /// The set of `words`.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> FewWords {
        let mut set = FewWords::default();
        for word in words {
            set.shapes.add(word);
            set.words.insert(word.into());
        }
        set
    }

    /// Whether `word` is one of the set.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.shapes.may_hold(word) && self.words.contains(word)
    }
}

/// The first byte and the length of each word of a set: most words asked
/// about share them with none, which one look at a table tells, where a
/// lookup in the set hashes the word.
#[derive(Debug, Clone)]
pub(crate) struct Shapes {
    /// The lengths of the words that begin with each byte, as bits, the
    /// last for any longer.
    lengths: [u32; 256],
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes { lengths: [0; 256] }
    }
}

impl Shapes {
    /// Notes the shape of `word`.
    pub(crate) fn add(&mut self, word: &[u8]) {
        if let Some(&first) = word.first() {
            self.lengths[usize::from(first)] |= length_bit(word.len());
        }
    }

    /// Whether a word of the set may be `word`; always for an empty word.
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        word.first()
            .is_none_or(|&first| self.lengths[usize::from(first)] & length_bit(word.len()) != 0)
    }
}

/// The bit of a word length in [`Shapes::lengths`].
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

#[cfg(test)]
mod tests {
    use super::FewWords;

    #[test]
    fn few_words_hold_their_words_only() {
        let set = FewWords::new([&b"M"[..], b"etc", b"boulevard-longer-than-31-bytes-x"]);
        for w in [&b"M"[..], b"etc", b"boulevard-longer-than-31-bytes-x"] {
            assert!(set.contains(w));
        }
        for w in [
            &b"Mm"[..],
            b"et",
            b"etd",
            b"",
            b"boulevard-longer-than-31-bytes-y",
        ] {
            assert!(!set.contains(w), "{w:?}");
        }
        assert!(FewWords::new([&b""[..]]).contains(b""));
    }
}
