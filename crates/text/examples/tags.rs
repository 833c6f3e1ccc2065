//! Prints jieba's words and tags for each argument (a development aid).
fn main() {
    let j = jieba_rs::Jieba::new();
    for s in std::env::args().skip(1) {
        let t: Vec<String> = j
            .tag(&s, false)
            .into_iter()
            .map(|t| format!("{}/{}", t.word, t.tag))
            .collect();
        println!("{}", t.join(" "));
    }
}
