"""Readers: one raw file of a known format → source records (pipeline/raw/source_records.py).

Modules: page (a commitment page → PageReadResult) with page_lines (labels, headings,
rating values), page_header (at-a-glance fields, institutions, policy areas, IRM
review), page_summary (IRM status summaries), page_notes (inline footnotes) and
truncation (captures cut short); html_text (HTML → the text rendition page reads);
member_list (numbered member lists of commitments); export (OGP's export and the archival
Explorer CSV, with header drift) and xlsx (XLSX workbooks as the CSV path's records).
Not here: finding and recognising files (pipeline/raw/discovery.py), turning records
into raw tables (pipeline/raw/extract_pages.py, extract_export.py).
"""
