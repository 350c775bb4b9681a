//! The few W3C WebDriver commands the tests use, over plain HTTP on loopback.

use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// A failed WebDriver call, with what the driver said.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, WebDriverError>;

/// The W3C key for an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver session with one app window.
pub struct Session {
    base: String,
    id: Option<String>,
    agent: ureq::Agent,
}

/// An element found in the window.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    pub(crate) fn detached(port: u16) -> Session {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(90)))
            .build()
            .into();
        Session { base: format!("http://127.0.0.1:{port}"), id: None, agent }
    }

    pub(crate) fn wait_for_driver(&self, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.agent.get(format!("{}/status", self.base)).call().is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(WebDriverError("WebKitWebDriver did not answer".into()))
    }

    pub(crate) fn create(
        &mut self,
        binary: &Path,
        args: &[&Path],
        timeout: Duration,
    ) -> Result<()> {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": binary, "args": args},
            "timeouts": {"script": timeout.as_millis() as u64}
        }}});
        let value = self.send("POST", "/session", Some(caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError(format!("no session id in {value}")))?;
        self.id = Some(id.to_string());
        Ok(())
    }

    /// Drops the session without asking the driver (its browser is gone).
    pub(crate) fn forget(&mut self) {
        self.id = None;
    }

    pub(crate) fn delete(&mut self) {
        if let Some(id) = self.id.take() {
            let _ = self.agent.delete(format!("{}/session/{id}", self.base)).call();
        }
    }

    fn path(&self, rest: &str) -> Result<String> {
        let id = self.id.as_deref().ok_or_else(|| WebDriverError("no session".into()))?;
        Ok(format!("/session/{id}{rest}"))
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let response = match (method, body) {
            ("POST", body) => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
            ("DELETE", _) => self.agent.delete(&url).call(),
            _ => self.agent.get(&url).call(),
        };
        let mut response = response.map_err(|e| WebDriverError(format!("{method} {path}: {e}")))?;
        let status = response.status();
        let value: Value = response
            .body_mut()
            .read_json()
            .map_err(|e| WebDriverError(format!("{method} {path}: unreadable answer: {e}")))?;
        if !status.is_success() {
            return Err(WebDriverError(format!("{method} {path}: {status}: {}", value["value"])));
        }
        Ok(value["value"].clone())
    }

    /// The window's document title.
    pub fn title(&self) -> Result<String> {
        let v = self.send("GET", &self.path("/title")?, None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// All elements matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let body = json!({"using": "css selector", "value": css});
        let v = self.send("POST", &self.path("/elements")?, Some(body))?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|s| Element(s.into()))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Result<Element> {
        self.find_all(css)?
            .into_iter()
            .next()
            .ok_or_else(|| WebDriverError(format!("no element matches {css}")))
    }

    /// The rendered text of an element.
    pub fn text(&self, element: &Element) -> Result<String> {
        let v = self.send("GET", &self.path(&format!("/element/{}/text", element.0))?, None)?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// A DOM property of an element, as a string (e.g. `textContent`, `value`). WebKit's
    /// "element text" leaves out text it considers clipped, so tests read `textContent`.
    pub fn property(&self, element: &Element, name: &str) -> Result<String> {
        let v = self.send(
            "GET",
            &self.path(&format!("/element/{}/property/{name}", element.0))?,
            None,
        )?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Clicks an element.
    pub fn click(&self, element: &Element) -> Result<()> {
        self.send("POST", &self.path(&format!("/element/{}/click", element.0))?, None).map(drop)
    }

    /// Empties an input or textarea.
    pub fn clear(&self, element: &Element) -> Result<()> {
        self.send("POST", &self.path(&format!("/element/{}/clear", element.0))?, None).map(drop)
    }

    /// Types `keys` into an element (WebDriver key codes such as `\u{E009}` allowed).
    pub fn send_keys(&self, element: &Element, keys: &str) -> Result<()> {
        let body = json!({"text": keys});
        self.send("POST", &self.path(&format!("/element/{}/value", element.0))?, Some(body))
            .map(drop)
    }

    /// Makes later commands look inside the frame `frame`, or the top document with `None`.
    pub fn switch_to_frame(&self, frame: Option<&Element>) -> Result<()> {
        let id = match frame {
            Some(e) => json!({ ELEMENT_KEY: e.0 }),
            None => Value::Null,
        };
        self.send("POST", &self.path("/frame")?, Some(json!({ "id": id }))).map(drop)
    }

    /// Runs a script in the window and returns its JSON result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        let body = json!({"script": script, "args": args});
        self.send("POST", &self.path("/execute/sync")?, Some(body))
    }

    /// A PNG screenshot of the window.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let v = self.send("GET", &self.path("/screenshot")?, None)?;
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .map_err(|e| WebDriverError(format!("screenshot is not base64: {e}")))
    }
}
