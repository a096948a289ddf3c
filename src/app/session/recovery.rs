//! The recovery copy as the session sees it: where the sync thread keeps the
//! work while saves fail, and taking back (merged by id) a copy left by an
//! earlier session.

use std::path::Path;

use super::Session;
use crate::history::merge::descends_from;
use crate::model::AnnotationFile;
use crate::store::merge;
use crate::store::sync::Op;

impl Session {
    /// Where the work is kept while saves fail (`Err`: the recovery copy
    /// could not be written either); `None` while saves succeed.
    pub fn recovery(&self) -> Option<Result<&Path, &str>> {
        self.sync.recovery()
    }

    /// Merges a recovery copy into the working copy, by annotation id (an
    /// annotation changed in the copy and left as it was in the file is the
    /// copy's; changed on both, the later edit wins, the other is kept in
    /// `conflicts`), and saves it; the copy is removed once that save
    /// succeeds. Only the annotations the merge changed go to the sync thread.
    pub fn take_recovery_copy(&mut self, copy: &AnnotationFile) {
        // The copy grew from the file as an earlier session read it: where the
        // file still holds what the copy's history grew from, that is the base,
        // so the copy's own changes come in without a conflict.
        let file = &self.doc.file;
        let base = AnnotationFile {
            format: file.format.clone(),
            article: file.article.clone(),
            conflicts: file.conflicts.clone(),
            extra: file.extra.clone(),
            // No record of a deletion is known to be taken back: both sides'
            // records are kept.
            deleted: Vec::new(),
            annotations: copy
                .annotations
                .iter()
                .filter_map(|kept| Some((kept, file.find(&kept.id)?)))
                .filter(|(kept, on_disk)| descends_from(kept, on_disk))
                .map(|(_, on_disk)| on_disk.clone())
                .collect(),
        };
        let merged = merge::merge(Some(&base), &self.doc.file, copy);
        for a in merged.file.annotations {
            if self.doc.file.find(&a.id) != Some(&a) {
                let op = Op::Put(Box::new(a));
                op.apply(&mut self.doc.file);
                self.sync.send(op);
            }
        }
        self.rebuild();
        self.sync.adopt_recovery();
    }
}
