//! The default bindings, one line each: config name, action, mode, keys, help
//! text, status-bar hint. The help overlay, the hints, the README's key table
//! and key dispatch are all made from this table.

use super::{Action as A, Context as C, Motion as M};

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The name `config.toml` uses to change the keys (unique).
    pub name: &'static str,
    pub action: A,
    /// The mode the keys work in.
    pub context: C,
    /// The default keys, comma separated, as `config.toml` writes them.
    pub keys: &'static str,
    pub help: &'static str,
    /// A word for the status bar ("" for none): the most useful keys only.
    pub hint: &'static str,
}

const fn b(
    name: &'static str,
    action: A,
    context: C,
    keys: &'static str,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        name,
        action,
        context,
        keys,
        help,
        hint,
    }
}

/// Every binding, grouped by mode in the order the help overlay lists them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b("help", A::Help, C::Global, "?", "help: every key", "help"),
    b("quit", A::Quit, C::Global, "q, Ctrl-c", "quit (everything is already saved)", "quit"),
    b("switch_focus", A::SwitchFocus, C::Global, "Tab", "switch focus article ↔ annotation list", "list"),
    b("undo", A::Undo, C::Global, "u", "undo the last change", ""),
    b("redo", A::Redo, C::Global, "Ctrl-r", "redo", ""),
    b("next_article", A::NextArticle, C::Global, "Ctrl-n", "next article of the queue", ""),
    b("prev_article", A::PrevArticle, C::Global, "Ctrl-p", "previous article of the queue", ""),
    b("back_to_queue", A::BackToQueue, C::Global, "Ctrl-o", "back to the review queue", ""),
    b("detail_down", A::DetailDown, C::Global, "Ctrl-e", "scroll the detail pane down a row", ""),
    b("detail_up", A::DetailUp, C::Global, "Ctrl-y", "scroll the detail pane up a row", ""),

    b("down", A::Move(M::Down), C::Article, "j, Down", "cursor down a line", ""),
    b("up", A::Move(M::Up), C::Article, "k, Up", "cursor up a line", ""),
    b("next_word", A::Move(M::NextWord), C::Article, "w", "next word", ""),
    b("prev_word", A::Move(M::PrevWord), C::Article, "b", "previous word", ""),
    b("next_sentence", A::Move(M::NextSentence), C::Article, ")", "next sentence", ""),
    b("prev_sentence", A::Move(M::PrevSentence), C::Article, "(", "previous sentence", ""),
    b("next_paragraph", A::Move(M::NextParagraph), C::Article, "}", "next paragraph", ""),
    b("prev_paragraph", A::Move(M::PrevParagraph), C::Article, "{", "previous paragraph", ""),
    b("top", A::Move(M::Top), C::Article, "g, Home", "top of the article", ""),
    b("bottom", A::Move(M::Bottom), C::Article, "G, End", "bottom of the article", ""),
    b("half_page_down", A::Move(M::HalfPageDown), C::Article, "Ctrl-d", "half a page down", ""),
    b("half_page_up", A::Move(M::HalfPageUp), C::Article, "Ctrl-u", "half a page up", ""),
    b("page_down", A::Move(M::PageDown), C::Article, "PageDown", "a page down", ""),
    b("page_up", A::Move(M::PageUp), C::Article, "PageUp", "a page up", ""),
    b("toggle_selection", A::ToggleSelection, C::Article, "v", "start or end a selection; motions extend it", "select"),
    b("select_sentence", A::SelectSentence, C::Article, "s", "select the sentence under the cursor", "sentence"),
    b("clear_selection", A::ClearSelection, C::Article, "Esc", "clear the selection", ""),
    b("annotate", A::Annotate, C::Article, "a, Enter", "annotate the selection (or the sentence under the cursor)", "annotate"),
    b("next_annotation", A::NextAnnotation, C::Article, "]", "next annotation", "next"),
    b("prev_annotation", A::PrevAnnotation, C::Article, "[", "previous annotation", ""),
    b("search", A::Search, C::Article, "/", "search (smart case)", "search"),
    b("next_match", A::NextMatch, C::Article, "n", "next match", ""),
    b("prev_match", A::PrevMatch, C::Article, "N", "previous match", ""),
    b("suggestions", A::ToggleSuggestions, C::Article, "S", "show or hide claim suggestions", "suggest"),
    b("next_suggestion", A::NextSuggestion, C::Article, "c", "next suggested claim not yet annotated", ""),
    b("prev_suggestion", A::PrevSuggestion, C::Article, "C", "previous suggested claim not yet annotated", ""),

    b("search_run", A::RunSearch, C::Search, "Enter", "search for what was typed", "search"),
    b("search_cancel", A::CancelSearch, C::Search, "Esc", "close the prompt", "cancel"),
    b("search_delete", A::DeleteSearchChar, C::Search, "Backspace", "delete a character (closes when empty)", ""),
    b("search_clear", A::ClearSearch, C::Search, "Ctrl-u", "clear what was typed", ""),

    b("list_down", A::ListDown, C::List, "j, Down", "next annotation in the list", ""),
    b("list_up", A::ListUp, C::List, "k, Up", "previous annotation in the list", ""),
    b("jump", A::JumpToSpan, C::List, "Enter", "jump to the annotated span", "jump"),
    b("edit", A::Edit, C::List, "e", "edit the annotation", "edit"),
    b("delete", A::Delete, C::List, "d", "delete the annotation (undoable)", "delete"),
    b("verdict_1", A::Verdict(1), C::List, "1", "set verdict 1 of the scale", "verdict"),
    b("verdict_2", A::Verdict(2), C::List, "2", "set verdict 2", ""),
    b("verdict_3", A::Verdict(3), C::List, "3", "set verdict 3", ""),
    b("verdict_4", A::Verdict(4), C::List, "4", "set verdict 4", ""),
    b("verdict_5", A::Verdict(5), C::List, "5", "set verdict 5", ""),
    b("verdict_6", A::Verdict(6), C::List, "6", "set verdict 6", ""),
    b("verdict_7", A::Verdict(7), C::List, "7", "set verdict 7", ""),
    b("verdict_8", A::Verdict(8), C::List, "8", "set verdict 8 (longer scales)", ""),
    b("verdict_9", A::Verdict(9), C::List, "9", "set verdict 9 (longer scales)", ""),
    b("clear_verdict", A::ClearVerdict, C::List, "0", "clear the verdict", ""),
    b("cycle_status", A::CycleStatus, C::List, "t", "next status: draft → ready → disputed → final", "status"),
    b("reply", A::Reply, C::List, "R", "reply to the annotation", "reply"),
    b("accept_edit", A::AcceptEdit, C::List, "E", "accept an approximate annotation's edited quote (the old one stays in its history)", "accept edit"),

    b("queue_down", A::QueueDown, C::Queue, "j, Down", "next article", ""),
    b("queue_up", A::QueueUp, C::Queue, "k, Up", "previous article", ""),
    b("queue_open", A::QueueOpen, C::Queue, "Enter", "open the article", "open"),

    b("next_field", A::NextField, C::Editor, "Tab", "next field: kind, verdict, note, sources, tags", "next field"),
    b("prev_field", A::PrevField, C::Editor, "Shift-Tab", "previous field", ""),
    b("save_annotation", A::SaveAnnotation, C::Editor, "Ctrl-s", "save the annotation", "save"),
    b("cancel", A::Cancel, C::Editor, "Esc", "cancel (asks if changed)", "cancel"),
    b("external_editor", A::ExternalEditor, C::Editor, "Ctrl-e", "edit the note in $EDITOR", "$EDITOR"),
    b("field_done", A::NextField, C::Field, "Enter", "next field", ""),
    b("remove_source", A::RemoveSource, C::SourceField, "Ctrl-d", "remove this source", "remove"),
    b("next_option", A::NextOption, C::Choice, "Right, l, Space", "next choice", "change"),
    b("prev_option", A::PrevOption, C::Choice, "Left, h", "previous choice", ""),
    b("pick_verdict_1", A::PickVerdict(1), C::VerdictField, "1", "verdict 1 of the scale", "pick"),
    b("pick_verdict_2", A::PickVerdict(2), C::VerdictField, "2", "verdict 2", ""),
    b("pick_verdict_3", A::PickVerdict(3), C::VerdictField, "3", "verdict 3", ""),
    b("pick_verdict_4", A::PickVerdict(4), C::VerdictField, "4", "verdict 4", ""),
    b("pick_verdict_5", A::PickVerdict(5), C::VerdictField, "5", "verdict 5", ""),
    b("pick_verdict_6", A::PickVerdict(6), C::VerdictField, "6", "verdict 6", ""),
    b("pick_verdict_7", A::PickVerdict(7), C::VerdictField, "7", "verdict 7", ""),
    b("pick_verdict_8", A::PickVerdict(8), C::VerdictField, "8", "verdict 8 (longer scales)", ""),
    b("pick_verdict_9", A::PickVerdict(9), C::VerdictField, "9", "verdict 9 (longer scales)", ""),
    b("pick_no_verdict", A::ClearPickedVerdict, C::VerdictField, "0", "not judged", ""),
    b("discard", A::Discard, C::Confirm, "y", "discard the changes and close the editor", "discards"),
    b("keep_editing", A::KeepEditing, C::Confirm, "n, Esc", "back to the editor", "goes back"),

    b("reply_send", A::SendReply, C::Reply, "Ctrl-s", "add the reply to the thread", "send"),
    b("reply_cancel", A::CancelReply, C::Reply, "Esc", "drop the reply", "cancel"),
    b("reply_external_editor", A::ExternalEditor, C::Reply, "Ctrl-e", "write the reply in $EDITOR", "$EDITOR"),

    b("help_down", A::HelpDown, C::Help, "j, Down", "scroll down", "scroll"),
    b("help_up", A::HelpUp, C::Help, "k, Up", "scroll up", ""),
    b("help_page_down", A::HelpPageDown, C::Help, "PageDown, Space", "a page down", ""),
    b("help_page_up", A::HelpPageUp, C::Help, "PageUp", "a page up", ""),
    b("close_help", A::CloseHelp, C::Help, "Esc, q, ?", "close the help", "close"),

    b("adjudicate", A::Adjudicate, C::Global, "A", "adjudication view: every unit where reviewers differ, and every merge conflict", "adjudicate"),
    b("reviewer_filter", A::ReviewerFilter, C::List, "r", "reviewer filter: all → mine → each reviewer", "reviewers"),
    b("next_dispute", A::NextDispute, C::Adjudication, "j, Down", "next dispute", "next"),
    b("prev_dispute", A::PrevDispute, C::Adjudication, "k, Up", "previous dispute", ""),
    b("jump_to_dispute", A::JumpToDispute, C::Adjudication, "Enter", "jump to the span", "jump"),
    b("settle_1", A::Settle(1), C::Adjudication, "1", "make reviewer 1's verdict final (a conflict: keep version 1)", "settle"),
    b("settle_2", A::Settle(2), C::Adjudication, "2", "make reviewer 2's verdict final (a conflict: keep version 2)", ""),
    b("settle_3", A::Settle(3), C::Adjudication, "3", "reviewer 3", ""),
    b("settle_4", A::Settle(4), C::Adjudication, "4", "reviewer 4", ""),
    b("settle_5", A::Settle(5), C::Adjudication, "5", "reviewer 5", ""),
    b("settle_6", A::Settle(6), C::Adjudication, "6", "reviewer 6", ""),
    b("settle_7", A::Settle(7), C::Adjudication, "7", "reviewer 7", ""),
    b("settle_8", A::Settle(8), C::Adjudication, "8", "reviewer 8", ""),
    b("settle_9", A::Settle(9), C::Adjudication, "9", "reviewer 9", ""),
    b("write_final", A::WriteFinal, C::Adjudication, "e", "write the final verdict yourself (a conflict: the settled version)", "write"),
    b("close_adjudication", A::CloseAdjudication, C::Adjudication, "Esc", "back to the review", "back"),
];
