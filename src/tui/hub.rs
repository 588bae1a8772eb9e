//! What every session of one process shares: the store, the reference data and the catalogue
//! (loaded once, shared read-only, replaced as a whole), the drafts that are open somewhere, and
//! the way sessions tell each other what they did. The SSH server runs one [`App`] per
//! connection over one hub; the local terminal runs one.
//!
//! [`App`]: super::App

use super::event::{AppEvent, Event};
use super::held::HeldDrafts;
use crate::domain::{Catalogue, Draft, ReferenceData};
use crate::store::{Store, StoreError};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use uuid::Uuid;

/// Identifies a session within the process (to leave it out when it publishes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId(u64);

pub struct Hub {
    store: Store,
    reference: Arc<ReferenceData>,
    catalogue: RwLock<Arc<Catalogue>>,
    /// The store holds synthetic intakes (`anlauf demo`): every screen says so.
    synthetic: bool,
    open_drafts: Arc<Mutex<HashSet<Uuid>>>,
    /// Drafts that could not be written yet.
    held: HeldDrafts,
    members: Mutex<Vec<(SessionId, Sender<Event>)>>,
    next_session: AtomicU64,
}

/// A lock that has been poisoned by a panicking session still guards consistent data (every
/// critical section here is a single insert, remove or swap), so the others carry on.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Hub {
    /// Loads reference data and catalogue from the store, once for the whole process.
    pub fn open(store: Store) -> Result<Arc<Hub>, StoreError> {
        Ok(Arc::new(Hub {
            reference: Arc::new(store.reference()?),
            catalogue: RwLock::new(Arc::new(store.catalogue()?)),
            synthetic: store.holds_synthetic()?,
            store,
            open_drafts: Arc::default(),
            held: HeldDrafts::default(),
            members: Mutex::default(),
            next_session: AtomicU64::new(1),
        }))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether the store holds synthetic intakes.
    pub fn holds_synthetic(&self) -> bool {
        self.synthetic
    }

    pub fn reference(&self) -> Arc<ReferenceData> {
        self.reference.clone()
    }

    pub fn catalogue(&self) -> Arc<Catalogue> {
        self.catalogue
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts a new catalogue in place for every session, and tells them.
    pub fn replace_catalogue(&self, catalogue: Catalogue) {
        *self.catalogue.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalogue);
        self.publish(None, AppEvent::CatalogueChanged);
    }

    /// Reads the catalogue afresh from the store after a change was written there (an edit in
    /// the catalogue screen, an import), and hands it to every session.
    pub fn reload_catalogue(&self) -> Result<(), StoreError> {
        self.replace_catalogue(self.store.catalogue()?);
        Ok(())
    }

    pub fn new_session(&self) -> SessionId {
        SessionId(self.next_session.fetch_add(1, Ordering::Relaxed))
    }

    /// Lets `session` hear what the others publish, through its own event stream, until the
    /// returned membership is dropped.
    pub fn join(self: &Arc<Self>, session: SessionId, sink: Sender<Event>) -> Membership {
        lock(&self.members).push((session, sink));
        Membership {
            hub: Arc::downgrade(self),
            session,
        }
    }

    /// Tells every other session (all of them for `None`). A session whose stream is gone is
    /// dropped from the list.
    pub fn publish(&self, from: Option<SessionId>, event: AppEvent) {
        lock(&self.members)
            .retain(|(id, sink)| Some(*id) == from || sink.send(Event::App(event.clone())).is_ok());
    }

    /// Claims the draft for one session; `None` if another session of the process has it open.
    /// The claim ends when the returned value is dropped, also when a session panics.
    pub fn claim_draft(&self, id: Uuid) -> Option<DraftClaim> {
        lock(&self.open_drafts).insert(id).then(|| DraftClaim {
            set: self.open_drafts.clone(),
            id,
        })
    }

    /// The drafts of the store and those held in memory, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let held = self.held.list();
        let mut drafts: Vec<Draft> = self
            .store
            .drafts()?
            .into_iter()
            .filter(|d| !self.held.contains(d.intake.id))
            .chain(held)
            .collect();
        drafts.sort_by_key(|d| std::cmp::Reverse(d.intake.id));
        Ok(drafts)
    }

    /// The drafts kept in memory because they could not be written.
    pub fn held(&self) -> &HeldDrafts {
        &self.held
    }

    /// Whether some session has the draft open.
    pub fn is_draft_open(&self, id: Uuid) -> bool {
        lock(&self.open_drafts).contains(&id)
    }
}

/// A session's place on the hub; leaving happens on drop.
pub struct Membership {
    hub: std::sync::Weak<Hub>,
    session: SessionId,
}

impl Drop for Membership {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            lock(&hub.members).retain(|(id, _)| *id != self.session);
        }
    }
}

/// A draft open in one session.
#[derive(Debug)]
pub struct DraftClaim {
    set: Arc<Mutex<HashSet<Uuid>>>,
    id: Uuid,
}

impl DraftClaim {
    pub fn id(&self) -> Uuid {
        self.id
    }
}

impl Drop for DraftClaim {
    fn drop(&mut self) {
        lock(&self.set).remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn hub() -> (Arc<Hub>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        (Hub::open(store).unwrap(), dir)
    }

    #[test]
    fn a_draft_can_be_open_in_one_session_only() {
        let (hub, _dir) = hub();
        let id = Uuid::now_v7();
        let claim = hub.claim_draft(id).expect("first claim");
        assert!(hub.claim_draft(id).is_none(), "second claim");
        assert!(hub.is_draft_open(id));
        drop(claim);
        assert!(!hub.is_draft_open(id));
        assert!(hub.claim_draft(id).is_some(), "free again");
    }

    #[test]
    fn a_claim_is_released_when_its_session_panics() {
        let (hub, _dir) = hub();
        let id = Uuid::now_v7();
        let h = hub.clone();
        let result = std::thread::spawn(move || {
            let _claim = h.claim_draft(id);
            panic!("a session fails");
        })
        .join();
        assert!(result.is_err());
        assert!(!hub.is_draft_open(id));
    }

    #[test]
    fn events_reach_the_other_sessions_only() {
        let (hub, _dir) = hub();
        let (a, b) = (hub.new_session(), hub.new_session());
        let (tx_a, rx_a) = mpsc::channel();
        let (tx_b, rx_b) = mpsc::channel();
        let _ma = hub.join(a, tx_a);
        let mb = hub.join(b, tx_b);
        hub.publish(Some(a), AppEvent::DraftsChanged);
        assert!(rx_a.try_recv().is_err(), "the sender does not hear itself");
        assert!(matches!(
            rx_b.try_recv(),
            Ok(Event::App(AppEvent::DraftsChanged))
        ));
        drop(mb);
        hub.publish(Some(a), AppEvent::DraftsChanged);
        assert!(
            rx_b.try_recv().is_err(),
            "a session that left hears nothing"
        );
    }

    #[test]
    fn a_replaced_catalogue_reaches_new_readers_and_old_ones_keep_theirs() {
        let (hub, _dir) = hub();
        let before = hub.catalogue();
        assert!(!before.is_empty());
        hub.replace_catalogue(Catalogue::new(Vec::new(), false));
        assert!(hub.catalogue().is_empty());
        assert!(!before.is_empty(), "a session's snapshot stays whole");
    }
}
