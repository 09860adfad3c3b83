package io.portcullis.vault.internal.redaction;

import static io.portcullis.vault.internal.redaction.CharClasses.ALNUM;
import static io.portcullis.vault.internal.redaction.CharClasses.ALNUM_DASH;
import static io.portcullis.vault.internal.redaction.CharClasses.BASE64;
import static io.portcullis.vault.internal.redaction.CharClasses.BASE64URL;
import static io.portcullis.vault.internal.redaction.CharClasses.LOWER_HEX;
import static io.portcullis.vault.internal.redaction.CharClasses.UPPER_ALNUM;
import static io.portcullis.vault.internal.redaction.CharClasses.WEBHOOK_PATH;
import static io.portcullis.vault.internal.redaction.CharClasses.WORD;

import java.util.List;

/**
 * The secret-shaped text the redactor knows, as data. Vendor formats as published by the vendors;
 * lengths are generous where a vendor has changed its format before. Secrets without a prefix of their
 * own (AWS secret keys, Slack signing secrets, LINE channel tokens and secrets, passwords) are found by
 * the name they are assigned to ({@link AssignmentRule}) or the command they are given to
 * ({@link CommandLineRule}). Twilio's {@code SK}+32 hex is
 * left out: it matches too much ordinary hex.
 */
final class Rules {

    static final List<Rule> ALL = List.of(
            new TokenRule("openai_key", List.of("sk-"), BASE64URL, 20, 256),
            new TokenRule("anthropic_key", Rule.Anchor.exact("sk-ant-"), BASE64URL, 20, 256, Rule.VENDOR + 5),
            new TokenRule("aws_access_key", List.of("AKIA", "ASIA"), UPPER_ALNUM, 16, 16),
            new TokenRule("github_token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), ALNUM, 36, 251),
            new TokenRule("github_token", List.of("github_pat_"), WORD, 22, 244),
            new TokenRule(
                    "slack_token",
                    List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-"),
                    ALNUM_DASH,
                    10,
                    250),
            new TokenRule(
                    "slack_webhook",
                    List.of("hooks.slack.com/services/", "hooks.slack.com/workflows/"),
                    WEBHOOK_PATH,
                    20,
                    160),
            new TokenRule(
                    "discord_webhook",
                    List.of("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
                    WEBHOOK_PATH,
                    40,
                    160),
            new TokenRule("stripe_key", List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_"), ALNUM, 16, 247),
            new TokenRule("stripe_webhook_secret", List.of("whsec_"), ALNUM, 24, 128),
            new TokenRule("aws_session_token", List.of("FwoGZXIvYXdz", "IQoJb3JpZ2lu"), BASE64, 100, 4096),
            new TokenRule("google_api_key", List.of("AIza"), BASE64URL, 35, 35),
            new TokenRule("gitlab_token", List.of("glpat-"), BASE64URL, 20, 250),
            new SeparatedTokenRule(
                    "sendgrid_key", Rule.Anchor.exact("SG."), BASE64URL, 16, 64, '.', BASE64URL, 16, 128),
            new TokenRule("npm_token", List.of("npm_"), ALNUM, 36, 36),
            new TokenRule("huggingface_token", List.of("hf_"), ALNUM, 30, 64),
            new SeparatedTokenRule(
                    "portcullis_key", Rule.Anchor.exact("pk_"), LOWER_HEX, 24, 24, '_', LOWER_HEX, 64, 64),
            new TelegramRule(),
            new DiscordRule(),
            new JwtRule(),
            new PemRule(),
            new AuthorizationRule(),
            new BearerRule(),
            new UrlPasswordRule(),
            new OracleUrlRule(),
            new AssignmentRule("password", "password", "passwd", "pwd", "passphrase"),
            new AssignmentRule(
                    "secret",
                    "secret",
                    "token",
                    "api_key",
                    "apikey",
                    "api-key",
                    "access_key",
                    "accesskey",
                    "access-key",
                    "subscription-key",
                    "subscription_key"),
            new CommandLineRule(),
            new SessionCookieRule(),
            new CardNumberRule());

    private Rules() {}
}
