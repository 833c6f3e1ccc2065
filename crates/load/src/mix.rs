//! The kinds of request the driver sends, the mix of the deadline-day hour in percent, and the
//! clients' random numbers.

pub const KINDS: [&str; 12] = [
    "unit: inbox",
    "unit: task page",
    "unit: submit report",
    "office: home",
    "office: plan tree",
    "office: unit page",
    "office: lagging list",
    "public: plan page",
    "office: project ledger",
    "office: project page",
    "unit: project report",
    "ceiling: /ping",
];

/// The kind that measures the ceiling.
pub const CEILING: usize = 11;

/// SplitMix64, seeded per client.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        if n == 0 { 0 } else { (z % n as u64) as usize }
    }
}

/// The mix: percent of requests per kind.
const MIX: [(usize, usize); 11] = [
    (0, 29),
    (1, 33),
    (2, 15),
    (3, 5),
    (4, 4),
    (5, 3),
    (6, 3),
    (7, 4),
    (8, 2),
    (9, 1),
    (10, 1),
];

pub fn choose(rng: &mut Rng) -> usize {
    let mut x = rng.below(100);
    for (k, w) in MIX {
        if x < w {
            return k;
        }
        x -= w;
    }
    0
}
