//! A key the ssh-agent holds, used as a signer (`-Y sign` and `-s` with a
//! key the agent has, as ssh-keygen prefers it): ssh-key's signing works
//! with it as with a private key, and each signature the agent returns is
//! checked against the key before it is used.

use std::cell::RefCell;

use ssh_key::Signature;
use ssh_key::public::KeyData;

use super::socket::Agent;
use crate::error::{Error, Result};

/// A key of the agent's, by its public half.
pub struct AgentKey {
    agent: RefCell<Agent>,
    key: KeyData,
    /// The blob that names it to the agent.
    blob: Vec<u8>,
}

impl AgentKey {
    /// The agent's copy of `key`, when the agent holds it; with
    /// `certificate`, the agent's copy of that certificate of the key (a
    /// certificate names the key otherwise, so only the same one counts).
    pub fn find(
        mut agent: Agent,
        key: &KeyData,
        certificate: Option<&ssh_key::Certificate>,
    ) -> Result<Option<AgentKey>> {
        let certificate_blob = certificate
            .map(|cert| crate::sshsig::SignerKey::Certificate(Box::new(cert.clone())).blob());
        let reply = agent.call(&super::request_identities())?;
        let held = super::identities(&reply).map_err(|e| match e {
            super::ReplyError::Refused => {
                Error::Agent("the ssh-agent refused to list its keys".to_owned())
            }
            super::ReplyError::Unexpected(why) => agent.not_an_agent(&why),
        })?;
        Ok(held
            .into_iter()
            .find(|id| match &certificate_blob {
                Some(blob) => id.blob == *blob,
                None => id
                    .entry
                    .as_ref()
                    .is_some_and(|e| !e.certificate && e.key == *key),
            })
            .map(|id| AgentKey {
                agent: RefCell::new(agent),
                key: key.clone(),
                blob: id.blob,
            }))
    }
}

impl signature::Signer<Signature> for AgentKey {
    fn try_sign(&self, message: &[u8]) -> std::result::Result<Signature, signature::Error> {
        let failed = |why: String| signature::Error::from_source(why);
        let rsa = matches!(self.key, KeyData::Rsa(_));
        let request = super::sign_request(&self.blob, message, rsa)
            .map_err(|e| failed(format!("cannot encode the request: {e}")))?;
        let reply = self
            .agent
            .borrow_mut()
            .call(&request)
            .map_err(|e| failed(e.to_string()))?;
        let signature = super::signature(&reply).map_err(|e| match e {
            super::ReplyError::Refused => failed("the ssh-agent refused to sign".to_owned()),
            super::ReplyError::Unexpected(why) => failed(format!("the ssh-agent sent {why}")),
        })?;
        signature::Verifier::verify(&self.key, message, &signature)
            .map_err(|_| failed("the ssh-agent's signature does not verify".to_owned()))?;
        Ok(signature)
    }
}

/// What ssh-key's signing asks of a signer besides signing: its public key.
impl From<&AgentKey> for KeyData {
    fn from(key: &AgentKey) -> KeyData {
        key.key.clone()
    }
}
