//! The environment fallbacks of openim-sim's flags. Alone in this file, so
//! setting variables cannot disturb another test of the same process.

use clap::Parser;
use openim_sim::Config;

#[test]
fn the_environment_is_a_fallback_for_every_flag() {
    let vars = [
        ("OPENIM_SIM_HOST", "0.0.0.0"),
        ("OPENIM_SIM_PORT", "1234"),
        ("OPENIM_SIM_SECRET", "s3"),
        ("OPENIM_SIM_ADMINS", "x, y"),
        ("OPENIM_SIM_TOKEN_TTL_DAYS", "90"),
        ("OPENIM_SIM_ACCESS_SECRET", "k"),
        ("OPENIM_SIM_USERS", "7"),
        ("OPENIM_SIM_SEED", "9"),
        ("OPENIM_SIM_DASHBOARD", "dist"),
        ("OPENIM_SIM_CONTROL", "1"),
        ("OPENIM_SIM_QUIET", "true"),
        ("OPENIM_SIM_RELEASE", "2.2.0"),
        ("OPENIM_SIM_MESSAGES", "11"),
        ("OPENIM_SIM_CMS_PORT", "0"),
        ("OPENIM_SIM_ADMIN_SECRETS", "p, q"),
    ];
    for (k, v) in vars {
        std::env::set_var(k, v);
    }
    let c = Config::try_parse_from(["openim-sim"]).unwrap();
    assert_eq!(
        (c.host.as_str(), c.port, c.secret.as_str(), c.admins.clone()),
        (
            "0.0.0.0",
            1234,
            "s3",
            vec!["x".to_string(), "y".to_string()]
        )
    );
    assert_eq!(
        (c.token_ttl_days, c.access_secret.as_str()),
        (Some(90), "k")
    );
    assert_eq!((c.users, c.seed), (7, 9));
    assert_eq!(c.dashboard.as_deref(), Some(std::path::Path::new("dist")));
    assert!(c.control && c.quiet);
    assert_eq!(c.release, openim_sim::Release::V2_2_0);
    assert_eq!(c.messages, 11);
    assert_eq!(c.cms_listen_port(), Some((0, true)));
    assert_eq!(c.admin_secrets, vec!["p".to_string(), "q".to_string()]);
    std::env::set_var("OPENIM_SIM_CMS_PORT", "off");
    let c = Config::try_parse_from(["openim-sim"]).unwrap();
    assert_eq!(c.cms_listen_port(), None);
    std::env::set_var("OPENIM_SIM_NO_CMS", "1");
    let c = Config::try_parse_from(["openim-sim", "--cms-port", "9"]).unwrap();
    assert_eq!(c.cms_listen_port(), None, "--no-cms wins");
    std::env::remove_var("OPENIM_SIM_NO_CMS");

    // A flag wins over its variable; a false-like value turns a switch off.
    std::env::set_var("OPENIM_SIM_CONTROL", "0");
    let c = Config::try_parse_from(["openim-sim", "--port", "5", "--admin", "z"]).unwrap();
    assert_eq!((c.port, c.admins), (5, vec!["z".to_string()]));
    assert!(!c.control);
}
