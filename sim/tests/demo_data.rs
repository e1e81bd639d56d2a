//! The startup population: admins always, demo users unless `--users 0`.

mod common;
use common::*;
use openim_sim::Config;
use serde_json::{json, Value};

fn demo(users: usize, seed: u64) -> Server {
    with(Config {
        users,
        seed,
        control: true,
        quiet: true,
        ..Config::default()
    })
}

fn ids(st: &Value) -> Vec<String> {
    st["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userID"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn only_admins_without_demo_users() {
    let st = bare().state().await;
    assert_eq!(
        ids(&st),
        vec!["openIM123456", "openIM654321", "openIM333", "openIMAdmin"]
    );
    assert!(st["groups"].as_array().unwrap().is_empty());
    assert!(st["online"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn demo_data_is_deterministic_per_seed() {
    let a = demo(240, 7).state().await;
    let b = demo(240, 7).state().await;
    let c = demo(240, 8).state().await;
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a["online"], b["online"]);
    assert_eq!(a["friends"], b["friends"]);
    assert_eq!(
        a["groups"].as_array().unwrap().len(),
        b["groups"].as_array().unwrap().len()
    );
    assert_ne!(ids(&a), ids(&c));
}

#[tokio::test]
async fn demo_population_looks_real() {
    let st = demo(240, 20220424).state().await;
    let users = st["users"].as_array().unwrap();
    // 4 admins + 9 fixed + 240 generated.
    assert_eq!(users.len(), 4 + 9 + 240);
    let generated = &users[13..];
    let phone_like = generated
        .iter()
        .filter(|u| {
            let id = u["userID"].as_str().unwrap();
            id.len() == 11 && id.starts_with('1') && id.bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    assert!(phone_like > 80 && phone_like < 200, "{phone_like}");
    let chinese = generated
        .iter()
        .filter(|u| {
            u["nickname"]
                .as_str()
                .unwrap()
                .chars()
                .any(|c| c as u32 > 0x3000)
        })
        .count();
    assert!(chinese > 40, "{chinese}");
    let with_face = generated
        .iter()
        .filter(|u| u["faceURL"].as_str().unwrap().starts_with("https://"))
        .count();
    assert!(with_face > 150 && with_face < 240, "{with_face}");
    for g in [0, 1, 2] {
        assert!(generated.iter().any(|u| u["gender"] == g));
    }
    let online = st["online"].as_array().unwrap().len();
    assert!((20..=60).contains(&online), "about 15% online: {online}");
    assert!(st["groups"].as_array().unwrap().len() >= 10);
    assert!(st["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["status"] == 2));
    assert!(st["friends"].as_array().unwrap().len() > 100);
    assert!(!st["blacks"].as_array().unwrap().is_empty());
    assert!(st["messages"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn fixed_users_and_groups_are_present() {
    let s = demo(10, 1);
    let st = s.state().await;
    let all = ids(&st);
    for id in [
        "18349115126",
        "18666662412",
        "17396220460",
        "19828950910",
        "21979710c3fe454d",
        "f732156059eeb5d0",
        "13944444444",
        "18712345678",
        "probe_html",
    ] {
        assert!(all.contains(&id.to_string()), "{id}");
    }
    let online = st["online"].as_array().unwrap();
    assert!(online.contains(
        &json!({"userID": "17396220460", "platformIDs": [4, 5], "platforms": ["OSX", "Web"]})
    ));
    let groups: Vec<&str> = st["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupID"].as_str().unwrap())
        .collect();
    assert!(groups.contains(&"f69e9aae6edb2c86b3380b7b0125e579"));
    assert!(groups.contains(&"413dcd143622d1a91a8afd4987cff651"));
    assert_eq!(
        st["messages"][0]["clientMsgID"],
        "8aadc098d05bab86a142727fd8a2ce9d"
    );
}
