//! Counting hits and misses against gold data: precision, recall and F1.
//!
//! Every evaluation in tacitus (sentence boundaries, entities, events, quotations) reduces to
//! these three counts, summed over documents (micro-average).

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in the gold.
    pub tp: usize,
    /// Predicted, not in the gold.
    pub fp: usize,
    /// In the gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision: tp / (tp + fp). With nothing predicted it is 1 if the gold is empty too,
    /// else 0.
    pub fn precision(&self) -> f64 {
        self.ratio(self.tp + self.fp)
    }

    /// Recall: tp / (tp + fn). With an empty gold it is 1 if nothing was predicted either,
    /// else 0.
    pub fn recall(&self) -> f64 {
        self.ratio(self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The header of [`Counts::row`]: `tp fp fn precision recall F1`, aligned with it.
    pub const HEADER: &'static str = "   tp    fp    fn precision  recall     F1";

    /// The counts and their ratios as one aligned table row (under [`Counts::HEADER`]).
    pub fn row(&self) -> String {
        format!(
            "{:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            self.tp,
            self.fp,
            self.fn_,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }

    /// Adds another count to this one.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn ratio(&self, denominator: usize) -> f64 {
        if denominator > 0 {
            self.tp as f64 / denominator as f64
        } else if self.tp + self.fp + self.fn_ == 0 {
            1.0
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert_eq!(c.precision(), 0.8);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 0.615_384_6).abs() < 1e-6);
        assert_eq!(
            Counts::default().f1(),
            1.0,
            "nothing to find, nothing found"
        );
        assert_eq!(
            Counts {
                tp: 0,
                fp: 0,
                fn_: 3
            }
            .precision(),
            0.0
        );
        let mut sum = c;
        sum.add(Counts {
            tp: 2,
            fp: 0,
            fn_: 2,
        });
        assert_eq!(
            sum,
            Counts {
                tp: 10,
                fp: 2,
                fn_: 10
            }
        );
    }
}
