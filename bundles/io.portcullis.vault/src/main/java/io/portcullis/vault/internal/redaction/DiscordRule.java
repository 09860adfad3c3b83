package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A Discord bot token: the bot's id in base64 (23 to 28 characters; an id of 17 to 20 digits starts
 * {@code MT}, {@code Mj}, {@code Nj}, {@code Nz}, {@code OD} or {@code OT} in base64), a dot, a
 * 6-character timestamp, a dot and an HMAC of 27 to 38 characters, all base64url. Reads the three runs
 * (memoised).
 */
final class DiscordRule implements Rule {

    @Override
    public String kind() {
        return "discord_token";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("MT", "Mj", "Nj", "Nz", "OD", "OT");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        char before = scan.at(start - 1);
        if (CharClasses.BASE64URL.contains(before) || before == '.') {
            return;
        }
        int id = scan.runs.end(CharClasses.BASE64URL, start);
        if (id - start < 23 || id - start > 28 || scan.at(id) != '.') {
            return;
        }
        int time = scan.runs.end(CharClasses.BASE64URL, id + 1);
        if (time - id - 1 < 6 || time - id - 1 > 7 || scan.at(time) != '.') {
            return;
        }
        int mac = scan.runs.end(CharClasses.BASE64URL, time + 1);
        if (mac - time - 1 >= 27 && mac - time - 1 <= 38 && scan.at(mac) != '.') {
            scan.report(start, mac, kind(), VENDOR);
        }
    }
}
