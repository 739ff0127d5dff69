/// Descriptive statistics of state sequences, following TraMineR's semantics (`seqstatd`, `seqtrate`, `seqmeant`,
/// `seqtab`, `seqdss`/`seqdur`, `seqient`, `seqST`, `seqici`) with `with.missing = FALSE`: a missing position is
/// left out of every statistic, and the void positions after a shorter sequence's end are not observed.
///
/// Every result keeps the *unweighted* counts of people (or of transitions) behind its shares, so that the command
/// can put them through the disclosure gate; the shares themselves use the case weights, as TraMineR does.
public enum SequenceDescriptives {}
