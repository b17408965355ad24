// cargo-leptos wants a binary next to the library; the floor only measures the WASM.
fn main() {}
