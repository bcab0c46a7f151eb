"""Identifiers read from sources: which member, which country, which commitment.

Modules: members (the reference OGP members, keyed by address slug), countries (ISO 3166
codes), ogp_urls (member and commitment keys out of OGP web addresses), explorer_ids
(commitment IDs for archival Explorer rows, which carry none). Not here: the members
table published (pipeline/core/sql/members.sql).
"""
