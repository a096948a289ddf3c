//! The word lists the features are found with: lowercase, straight
//! apostrophes, phrases as words separated by single spaces. Chosen by hand
//! for news and political speech.
#[rustfmt::skip]
pub(super) const MAGNITUDES: &[&str] = &[
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
    "billions", "trillion", "trillions", "dozens", "rate", "rates", "average", "majority",
    "median",
];
#[rustfmt::skip]
pub(super) const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "half", "twice", "double", "doubled", "tripled", "quadrupled", "dozen",
];
#[rustfmt::skip]
pub(super) const CURRENCY_WORDS: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "yen", "rubles",
];
#[rustfmt::skip]
pub(super) const PERCENT_WORDS: &[&str] = &[
    "percent", "percentage", "per",
];
#[rustfmt::skip]
pub(super) const COMPARISONS: &[&str] = &[
    "more", "less", "fewer", "higher", "lower", "bigger", "larger", "smaller", "greater",
    "increase", "increased", "increases", "decrease", "decreased", "rose", "risen", "fell",
    "fallen", "grew", "grown", "dropped", "declined", "doubled", "tripled", "cut", "surged",
    "soared", "plunged", "compared", "than", "up", "down", "since",
    // The same movements as they happen or are reported.
    "rising", "falling", "increasing", "decreasing", "growing", "shrinking", "climbing",
    "dropping", "declining", "soaring", "surging", "plunging", "rises", "falls", "grows",
    "drops", "declines", "climbed", "slashed", "slashing", "jumped", "reduced", "reducing",
    "cutting", "boosted",
];
#[rustfmt::skip]
pub(super) const SUPERLATIVES: &[&str] = &[
    "most", "least", "largest", "biggest", "highest", "lowest", "worst", "greatest", "smallest",
    "fastest", "record", "ever",
];
/// Sweeping words: the marks of an exaggeration, which fact-checkers look into.
#[rustfmt::skip]
pub(super) const SWEEPING: &[&str] = &[
    "totally", "absolutely", "tremendous", "incredible", "massive", "massively", "huge",
    "hugely", "record", "unprecedented", "disaster", "historic", "all-time", "enormous",
    "completely", "fastest", "biggest", "largest", "lowest", "highest",
];
#[rustfmt::skip]
pub(super) const ABSOLUTES: &[&str] = &[
    "never", "first", "single", "only", "every", "all", "none", "nobody", "always", "nothing",
];

/// How a moderator or a speaker turns to someone: a question put, not a claim.
#[rustfmt::skip]
pub(super) const ADDRESSING: &[&str] = &[
    "my question", "your question", "the question", "mr", "ms", "mrs", "let me ask", "i want to ask",
    "respond", "your response", "go ahead", "thirty seconds", "time is up",
];
#[rustfmt::skip]
pub(super) const ATTRIBUTION: &[&str] = &[
    "said", "says", "reported", "reports", "announced", "stated", "claimed", "claims", "told",
    "confirmed", "noted", "wrote", "testified", "admitted", "denied", "according", "cited",
    "estimated", "found", "showed", "shows",
];

/// Acts on the public record: what someone did, which a record can confirm.
#[rustfmt::skip]
pub(super) const RECORD: &[&str] = &[
    "voted", "vote", "signed", "passed", "approved", "vetoed", "supported", "opposed", "funded",
    "spent", "paid", "built", "created", "closed", "killed", "died", "lost", "won", "raised",
    "borrowed", "invested", "banned", "sent", "called", "ruled", "started", "leaving", "moved",
    "dispatched", "deployed", "ratified",
];

/// Subjects where claims are measured: the economy, public money, crime,
/// health, migration, war.
#[rustfmt::skip]
pub(super) const TOPICS: &[&str] = &[
    "jobs", "job", "tax", "taxes", "unemployment", "deficit", "debt", "economy", "economic",
    "wages", "income", "prices", "inflation", "crime", "murders", "murder", "deaths", "budget",
    "spending", "trade", "exports", "imports", "population", "poverty", "insurance",
    "emissions", "gdp", "growth", "manufacturing", "plants", "oil", "military", "troops",
    "nuclear", "immigrants", "illegal", "border", "country", "countries", "workers",
    "factories", "obamacare", "nafta", "isis", "iran", "china", "mexico", "dollars", "taxpayers",
];
#[rustfmt::skip]
pub(super) const OPINION: &[&str] = &[
    "i think", "i believe", "i feel", "in my opinion", "i hope", "believe me", "frankly", "i guess", "we need", "we have to", "we must", "i want", "should", "let me", "let's", "i mean",
    "you know", "i'm not", "i don't",
];
#[rustfmt::skip]
pub(super) const PLEASANTRIES: &[&str] = &[
    "thank you", "thanks", "good evening", "good morning", "good night", "welcome",
    "congratulations", "pleasure", "honored", "honoured", "god bless", "appreciate", "nice",
    "wonderful", "great", "okay", "ok", "yes", "no", "well",
];
#[rustfmt::skip]
pub(super) const PREDICTION: &[&str] = &[
    "will", "going to", "gonna", "would", "could", "might", "plan to", "intend to", "i'll",
    "we'll", "they'll", "you'll", "he'll", "she'll", "it'll", "won't", "someday",
];

/// Common past-tense verbs that do not end in "-ed".
#[rustfmt::skip]
pub(super) const PAST_IRREGULAR: &[&str] = &[
    "was", "were", "had", "did", "made", "paid", "gave", "got", "went", "came", "took", "lost",
    "won", "beat", "found", "built", "left", "sent", "told", "knew", "saw", "spent", "became",
    "brought", "bought", "sold", "wrote", "fell", "rose", "grew", "began", "led", "met", "held",
];

/// Words ending in "-ed" that are not the past tense.
#[rustfmt::skip]
pub(super) const NOT_PAST: &[&str] = &[
    "need", "indeed", "speed", "hundred", "united", "proceed", "succeed", "exceed", "breed",
    "greed", "naked", "sacred", "wicked", "beloved", "interested", "concerned", "supposed",
    "based", "involved", "related", "advanced", "detailed", "limited", "skilled", "talented",
    "married", "tired", "scared", "excited", "required", "red", "bed", "fed", "shed", "led",
    "wed",
];
/// Titles a speaker uses to turn to someone ("Senator Cruz, you said…").
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "senator", "governor", "secretary", "mr", "mrs", "ms", "dr", "president", "congressman",
    "congresswoman", "mayor", "minister", "madam", "sir",
];

/// Months and weekdays, written with a capital but no one's name: when a
/// claim happened is a date or a year, not a named person, place or body.
#[rustfmt::skip]
pub(super) const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
];
