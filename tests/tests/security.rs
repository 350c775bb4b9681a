//! The page may call Folio's own commands and nothing else of Tauri's.

use std::time::Duration;

use folio_e2e::{wait_for, App};

#[test]
fn the_page_cannot_reach_tauris_core_or_plugin_commands() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || s.find("[data-testid=post-item]").ok())
        .expect("the window is up");
    let script = r#"return (async () => {
      const attempts = [
        ['plugin:app|version', {}],
        ['plugin:event|listen', { event: 'x', target: { kind: 'Any' }, handler: 1 }],
        ['plugin:window|close', {}],
        ['plugin:dialog|open', { options: {} }],
        ['preview_open', { text: 'Allowed *here*', path: null }],
      ];
      const out = {};
      for (const [name, args] of attempts) {
        try { await window.__TAURI_INTERNALS__.invoke(name, args); out[name] = 'allowed'; }
        catch (e) { out[name] = String(e).includes('not allowed') ? 'denied' : 'failed: ' + String(e); }
      }
      return out;
    })();"#;
    let out = s.execute(script, vec![]).unwrap();
    for core in
        ["plugin:app|version", "plugin:event|listen", "plugin:window|close", "plugin:dialog|open"]
    {
        assert_eq!(out[core], "denied", "{core}: {out}");
    }
    assert_eq!(out["preview_open"], "allowed", "our own command works: {out}");
}
