//! macOS and Windows: the system keeps what is copied after sshgen exits, so
//! one call through arboard is all it takes.

/// Sets the system clipboard to `text`.
pub fn set_text(text: &str) -> Result<(), String> {
    arboard::Clipboard::new()
        .and_then(|mut clipboard| clipboard.set_text(text))
        .map_err(|e| e.to_string())
}
