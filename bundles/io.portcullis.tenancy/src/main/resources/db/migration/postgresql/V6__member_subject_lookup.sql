-- JWT authentication looks a member up by its external subject before its workspace is known: it
-- sets portcullis.subject for its transaction and may read (only read) the member row bound to it.
-- An unset setting is NULL or '' and matches no row (external_subject is never empty, see V4).
CREATE POLICY members_being_authenticated ON members FOR SELECT
    USING (external_subject = current_setting('portcullis.subject', true));
