-- Normalisation helpers shared by every stage and core step (re-created before each step).
CREATE SCHEMA IF NOT EXISTS stage;
CREATE SCHEMA IF NOT EXISTS core;

-- Text with white space runs squashed, empty → NULL (comparison form of a text value).
CREATE OR REPLACE MACRO squash(v) AS nullif(trim(regexp_replace(v, '\s+', ' ', 'g')), '');

-- Lookup key of a coded value: decorations and accents removed, lower case, trimmed.
-- Curly and other apostrophes count as `'` (`n’ont pas changé` = `n'ont pas changé`).
CREATE OR REPLACE MACRO value_key(v) AS
    lower(strip_accents(trim(regexp_replace(regexp_replace(
        regexp_replace(v, '[’‘ʼ´`]', '''', 'g'), '[✪★☆]', '', 'g'), '\s+', ' ', 'g'), ' .;,:')));

-- `did not change did not change` → `did not change`: a value doubled by a page's graphic label.
CREATE OR REPLACE MACRO undouble(k) AS CASE
    WHEN len(string_split(k, ' ')) % 2 = 0
     AND string_split(k, ' ')[1:len(string_split(k, ' ')) // 2]
       = string_split(k, ' ')[len(string_split(k, ' ')) // 2 + 1:]
    THEN array_to_string(string_split(k, ' ')[1:len(string_split(k, ' ')) // 2], ' ')
    ELSE k END;

CREATE OR REPLACE MACRO norm_key(v) AS undouble(value_key(v));
