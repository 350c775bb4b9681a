//! Git's questions (passphrase, credentials, an unknown host) asked in the window: the
//! question goes out on the publish channel, the blocking git thread waits for the answer
//! that `answer_prompt` delivers.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use folio_blog::git::{HostKey, Progress, Prompter};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use ts_rs::TS;

/// A person who walked away is not waited for forever: the publish then fails as refused.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(600);

/// What a publish or a clone tells the window while it runs.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub(crate) enum GitEvent {
    Progress { progress: Progress },
    Prompt { id: u32, question: Question },
}

/// A question for the writer.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub(crate) enum Question {
    Passphrase {
        key: String,
    },
    Credentials {
        url: String,
        username: Option<String>,
    },
    TrustHost {
        host: String,
        #[serde(rename = "keyType")]
        key_type: String,
        fingerprint: String,
    },
}

/// The writer's answer; `Cancel` answers any question with no.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub(crate) enum Answer {
    Passphrase { passphrase: String },
    Credentials { username: String, password: String },
    TrustHost { trust: bool },
    Cancel,
}

/// Questions waiting for an answer, by id.
#[derive(Clone, Default)]
pub(crate) struct PendingPrompts(Arc<Mutex<HashMap<u32, mpsc::Sender<Answer>>>>);

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

impl PendingPrompts {
    /// Delivers an answer; an unknown id (answered twice, timed out) is ignored.
    pub(crate) fn answer(&self, id: u32, answer: Answer) {
        let waiting = self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        if let Some(tx) = waiting {
            let _ = tx.send(answer);
        }
    }

    fn ask(&self, channel: &Channel<GitEvent>, question: Question) -> Answer {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
        if channel.send(GitEvent::Prompt { id, question }).is_err() {
            return Answer::Cancel;
        }
        let answer = rx.recv_timeout(ANSWER_TIMEOUT).unwrap_or(Answer::Cancel);
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        answer
    }
}

/// The [`Prompter`] a publish from the window uses.
pub(crate) struct WindowPrompter {
    pub(crate) channel: Channel<GitEvent>,
    pub(crate) pending: PendingPrompts,
}

impl Prompter for WindowPrompter {
    fn passphrase(&mut self, key: &Path) -> Option<String> {
        match self
            .pending
            .ask(&self.channel, Question::Passphrase { key: key.display().to_string() })
        {
            Answer::Passphrase { passphrase } => Some(passphrase),
            _ => None,
        }
    }

    fn username_password(&mut self, url: &str, username: Option<&str>) -> Option<(String, String)> {
        let question =
            Question::Credentials { url: url.to_string(), username: username.map(str::to_string) };
        match self.pending.ask(&self.channel, question) {
            Answer::Credentials { username, password } => Some((username, password)),
            _ => None,
        }
    }

    fn trust_host(&mut self, key: &HostKey) -> bool {
        let question = Question::TrustHost {
            host: key.host.clone(),
            key_type: key.key_type.clone(),
            fingerprint: key.fingerprint.clone(),
        };
        matches!(self.pending.ask(&self.channel, question), Answer::TrustHost { trust: true })
    }
}

/// What a git operation from the window needs: a prompter that asks in the window and a
/// progress callback, both speaking on `channel`.
pub(crate) fn git_session(
    channel: Channel<GitEvent>,
    pending: PendingPrompts,
) -> (WindowPrompter, impl FnMut(Progress)) {
    let progress = channel.clone();
    let on_progress = move |p: Progress| {
        // A closed channel only means the window went away; the operation goes on.
        let _ = progress.send(GitEvent::Progress { progress: p });
    };
    (WindowPrompter { channel, pending }, on_progress)
}
