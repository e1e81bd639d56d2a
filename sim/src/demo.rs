//! Startup data: the admin users every v2 server registers (docs/api.md#admins), and,
//! unless `--users 0`, a deterministic demo population for a given seed.
//!
//! Besides the generated users there is a fixed set: the user and group IDs
//! used by the API document's examples (so each example succeeds as written)
//! and one user whose profile holds markup, to check that it is shown as text.

use crate::config::Config;
use crate::rng::{md5_hex, now_secs, Rng};
use crate::state::{Group, Message, State, User};
use std::collections::{BTreeMap, BTreeSet};

/// Demo timestamps start here (2022-04-24, the v2.0.8 release) so the data
/// does not depend on the clock.
const EPOCH: i64 = 1_650_758_400;

/// Users, groups and a message named in the API document's examples.
pub const DOC_USERS: [(&str, &str, &str); 8] = [
    ("18349115126", "Gordon", "ic_avatar_05"),
    ("18666662412", "OpenIM-sk", "ic_avatar_04"),
    (
        "17396220460",
        "Lily",
        "https://avatars.example.com/17396220460.png",
    ),
    (
        "19828950910",
        "Group Owner",
        "https://avatars.example.com/19828950910.png",
    ),
    ("21979710c3fe454d", "sssssssssskkkkk", ""),
    (
        "f732156059eeb5d0",
        "Frank",
        "https://avatars.example.com/f732156059eeb5d0.png",
    ),
    (
        "13944444444",
        "王小明",
        "https://avatars.example.com/13944444444.png",
    ),
    ("18712345678", "陈静", ""),
];
pub const DOC_GROUP: &str = "f69e9aae6edb2c86b3380b7b0125e579";
pub const DOC_REVOKE_GROUP: &str = "413dcd143622d1a91a8afd4987cff651";
pub const DOC_CLIENT_MSG_ID: &str = "8aadc098d05bab86a142727fd8a2ce9d";
/// A user whose nickname and faceURL are markup, not data to render as HTML.
pub const PROBE_USER: &str = "probe_html";

const PLATFORM_IDS: [i64; 7] = [1, 2, 3, 4, 5, 6, 7];

const FIRST: [&str; 30] = [
    "Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Ivy", "Jack", "Kate",
    "Leo", "Mia", "Noah", "Olivia", "Paul", "Quinn", "Ruby", "Sam", "Tina", "Uma", "Victor",
    "Wendy", "Xavier", "Yara", "Zoe", "Liam", "Nora", "Owen", "Iris",
];
const LAST: [&str; 20] = [
    "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker",
    "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
];
const SURNAME: [(&str, &str); 20] = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("胡", "hu"),
    ("朱", "zhu"),
    ("高", "gao"),
    ("林", "lin"),
    ("何", "he"),
    ("郭", "guo"),
    ("马", "ma"),
    ("罗", "luo"),
];
const GIVEN: [(&str, &str); 24] = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀英", "xiuying"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂英", "guiying"),
    ("子涵", "zihan"),
    ("浩然", "haoran"),
];
const PHONE_PREFIX: [&str; 16] = [
    "130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "158", "176", "177",
    "186", "188", "199",
];
const GROUP_NAMES: [&str; 8] = [
    "Product Team",
    "深圳技术交流群",
    "Weekend Hikers",
    "运营通知群",
    "Design Review",
    "Customer Success",
    "家庭群",
    "Beta Testers",
];

pub fn build(config: &Config) -> State {
    let mut st = State::default();
    let now = now_secs();
    for (i, id) in config.admins.iter().enumerate() {
        st.put_user(User {
            user_id: id.clone(),
            nickname: format!("AppManager{}", i + 1),
            create_time: now,
            app_manger_level: 2,
            ..User::default()
        });
    }
    if config.users == 0 {
        return st;
    }
    let mut rng = Rng::new(config.seed);
    add_fixed_users(&mut st);
    let generated = add_random_users(&mut st, &mut rng, config.users);
    add_online(&mut st, &mut rng, &generated);
    add_groups(&mut st, &mut rng, &generated, config.admins.first(), now);
    add_friends_and_blacks(&mut st, &mut rng, &generated);
    add_remarks_and_requests(&mut st, &generated);
    add_messages(&mut st, &mut rng, config.admins.first());
    st
}

fn add_fixed_users(st: &mut State) {
    for (i, (id, nickname, face)) in DOC_USERS.iter().enumerate() {
        st.put_user(User {
            user_id: id.to_string(),
            nickname: nickname.to_string(),
            face_url: face.to_string(),
            gender: (i % 3) as i32,
            phone_number: if id.len() == 11 {
                id.to_string()
            } else {
                String::new()
            },
            create_time: EPOCH + i as i64 * 60,
            app_manger_level: 1,
            ..User::default()
        });
    }
    st.put_user(User {
        user_id: PROBE_USER.into(),
        nickname: "<img src=x onerror=alert(1)> & \"friends\"".into(),
        face_url: "javascript:alert(1)".into(),
        ex: "<script>alert(1)</script>".into(),
        create_time: EPOCH,
        app_manger_level: 1,
        ..User::default()
    });
    // The example online-status answer: 17396220460 on OSX and Web.
    st.online
        .insert("17396220460".into(), BTreeSet::from([4, 5]));
}

fn add_random_users(st: &mut State, rng: &mut Rng, n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    while ids.len() < n {
        let chinese = rng.chance(45);
        let (nickname, handle) = if chinese {
            let (s, sp) = *rng.pick(&SURNAME);
            let (g, gp) = *rng.pick(&GIVEN);
            (format!("{s}{g}"), format!("{sp}{gp}"))
        } else {
            let first = *rng.pick(&FIRST);
            let last = *rng.pick(&LAST);
            (
                format!("{first} {last}"),
                format!("{}_{}", first.to_lowercase(), &last[..1].to_lowercase()),
            )
        };
        let phone_like = rng.chance(60);
        let id = if phone_like {
            format!("{}{:08}", rng.pick(&PHONE_PREFIX), rng.below(100_000_000))
        } else if rng.chance(50) {
            handle.clone()
        } else {
            format!("{handle}{}", rng.below(1000))
        };
        // The users table is its own index of taken IDs.
        if st.user(&id).is_some() {
            continue;
        }
        let face_url = if rng.chance(80) {
            format!("https://avatars.example.com/{id}.png")
        } else {
            String::new()
        };
        let gender = match rng.below(10) {
            0 | 1 => 0,
            2..=5 => 1,
            _ => 2,
        };
        let phone_number = if phone_like && rng.chance(80) {
            id.clone()
        } else if rng.chance(15) {
            format!("{}{:08}", rng.pick(&PHONE_PREFIX), rng.below(100_000_000))
        } else {
            String::new()
        };
        let email = if rng.chance(40) {
            format!("{handle}@example.com")
        } else {
            String::new()
        };
        let birth = if rng.chance(50) {
            (rng.below(1_100_000_000) + 10_000_000) as u32
        } else {
            0
        };
        let ex = if rng.chance(10) {
            r#"{"tier":"vip"}"#.to_string()
        } else {
            String::new()
        };
        st.put_user(User {
            user_id: id.clone(),
            nickname,
            face_url,
            gender,
            phone_number,
            birth,
            email,
            ex,
            create_time: EPOCH + rng.below(86_400 * 180) as i64,
            app_manger_level: 1,
        });
        ids.push(id);
    }
    ids
}

/// About 15% of the generated users are connected on 1 to 3 platforms.
fn add_online(st: &mut State, rng: &mut Rng, ids: &[String]) {
    for id in ids {
        if !rng.chance(15) {
            continue;
        }
        let count = 1 + rng.below(3);
        let mut platforms = BTreeSet::new();
        while platforms.len() < count as usize {
            platforms.insert(*rng.pick(&PLATFORM_IDS));
        }
        st.online.insert(id.clone(), platforms);
    }
}

/// The two document groups, then eight generated ones with some variety
/// for the read-back pages (docs/readback.md#readback-groups): group admins,
/// running and expired member mutes, one dismissed group (status 2, its
/// member rows deleted as dismissal does) and one muted (status 3), an
/// introduction, and the newer flags. The variety draws nothing from `rng`,
/// so the rest of the data is what it was.
fn add_groups(st: &mut State, rng: &mut Rng, ids: &[String], creator: Option<&String>, now: i64) {
    let creator = creator.cloned().unwrap_or_default();
    let t = EPOCH + 3600;
    // The document's group: owner 19828950910, one member 18666662412.
    st.put_group(Group {
        group_id: DOC_GROUP.into(),
        group_name: "test group name".into(),
        creator_user_id: creator.clone(),
        create_time: t,
        ..Group::default()
    });
    st.insert_member(DOC_GROUP, "19828950910", 2, t);
    st.insert_member(DOC_GROUP, "18666662412", 1, t);
    // The group of the revoke example, with its sender as owner.
    st.put_group(Group {
        group_id: DOC_REVOKE_GROUP.into(),
        group_name: "OpenIM Developers".into(),
        notification: "Welcome! Please read the pinned guide.".into(),
        introduction: "Questions about OpenIM.".into(),
        creator_user_id: creator.clone(),
        create_time: t,
        notification_user_id: "17396220460".into(),
        notification_update_time: t + 120,
        ..Group::default()
    });
    st.insert_member(DOC_REVOKE_GROUP, "17396220460", 2, t);
    st.insert_member(DOC_REVOKE_GROUP, "18349115126", 3, t);
    st.insert_member(DOC_REVOKE_GROUP, "13944444444", 1, t);
    // 13944444444 is muted for two more days.
    mute(st, DOC_REVOKE_GROUP, "13944444444", now + 2 * 86_400);

    if ids.is_empty() {
        return;
    }
    for (i, name) in GROUP_NAMES.iter().enumerate() {
        let group_id = md5_hex(&format!("demo-group-{}-{}", i, rng.next_u64()));
        let status = match i {
            DISMISSED_DEMO_GROUP => 2,
            MUTED_DEMO_GROUP => 3,
            _ => 0,
        };
        let noted = rng.chance(50);
        let notification = match i {
            7 => "Builds ship on Fridays; report bugs in the tracker.".to_string(),
            _ if noted => format!("{name}: be nice."),
            _ => String::new(),
        };
        let created = t + i as i64 * 600;
        st.put_group(Group {
            group_id: group_id.clone(),
            group_name: name.to_string(),
            notification,
            introduction: if i == 0 {
                "Roadmap, specs and release planning.".into()
            } else {
                String::new()
            },
            face_url: if rng.chance(50) {
                format!("https://avatars.example.com/g/{group_id}.png")
            } else {
                String::new()
            },
            create_time: created,
            ex: String::new(),
            status,
            creator_user_id: creator.clone(),
            group_type: 0,
            // Beta Testers asks to verify joins and hides members' details.
            need_verification: i32::from(i == 7),
            look_member_info: i32::from(i == 7),
            apply_member_friend: i32::from(i == 7),
            ..Group::default()
        });
        let owner = rng.pick(ids).clone();
        let mut joined = vec![(owner, 2, t)];
        let size = 3 + rng.below(40.min(ids.len() as u64));
        for k in 0..size {
            let uid = rng.pick(ids).clone();
            let role = if k < 2 { 3 } else { 1 };
            joined.push((uid, role, t + k as i64));
        }
        if i == DISMISSED_DEMO_GROUP {
            continue; // dismissal deletes every member row
        }
        for (uid, role, at) in &joined {
            st.insert_member(&group_id, uid, *role, *at);
        }
        if i == 7 {
            if let Some(g) = st.group_mut(&group_id) {
                g.notification_user_id = joined[0].0.clone();
                g.notification_update_time = created + 300;
            }
        }
        // The first two ordinary members: one muted for (i + 1) more hours,
        // one whose mute ran out long ago.
        let ordinary: Vec<String> = st
            .members_of(&group_id)
            .filter(|m| m.role_level == 1)
            .take(2)
            .map(|m| m.user_id.clone())
            .collect();
        if let Some(uid) = ordinary.first() {
            mute(st, &group_id, uid, now + (i as i64 + 1) * 3600);
        }
        if let Some(uid) = ordinary.get(1) {
            mute(st, &group_id, uid, created + 86_400);
        }
    }
}

/// Positions in `GROUP_NAMES` of the dismissed and the muted demo group.
pub const DISMISSED_DEMO_GROUP: usize = 5;
pub const MUTED_DEMO_GROUP: usize = 6;

fn mute(st: &mut State, group_id: &str, user_id: &str, until: i64) {
    if let Some(mut m) = st.member_mut(group_id, user_id) {
        m.set_mute_end_time(until);
    }
}

/// Remarks on the document users' friendships and on the first friendship
/// of a few generated users, and one friend request still waiting
/// (docs/readback.md#get-friend-list, docs/readback.md#add-friend).
fn add_remarks_and_requests(st: &mut State, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    st.set_friend_remark("18349115126", "18666662412", "OpenIM-sk (support)");
    st.set_friend_remark("17396220460", "13944444444", "Xiaoming, ops on call");
    const TAGS: [&str; 6] = ["work", "family", "gym", "school", "sales", "ops"];
    let mut tagged = 0;
    for id in ids {
        if tagged == TAGS.len() {
            break;
        }
        let Some(friend) = st.friends_of(id).next().map(|f| f.friend.clone()) else {
            continue;
        };
        let nickname = st
            .user(&friend)
            .map(|u| u.nickname.clone())
            .unwrap_or_default();
        st.set_friend_remark(id, &friend, &format!("{nickname} ({})", TAGS[tagged]));
        tagged += 1;
    }
    st.put_friend_request(
        "18712345678",
        "18349115126",
        "Hi, I'm Chen Jing from the ops team.",
        EPOCH + 7300,
    );
}

fn add_friends_and_blacks(st: &mut State, rng: &mut Rng, ids: &[String]) {
    if ids.len() < 2 {
        return;
    }
    let t = EPOCH + 7200;
    for a in ids {
        for _ in 0..rng.below(4) {
            let b = rng.pick(ids);
            if a != b && st.insert_friend(a, b, t) {
                st.insert_friend(b, a, t);
            }
        }
    }
    for _ in 0..(ids.len() / 40).max(2) {
        let (a, b) = (rng.pick(ids).clone(), rng.pick(ids).clone());
        if a != b {
            st.insert_black(&a, &b, t);
        }
    }
    // Friends among the document's users, so their lists are not empty.
    for (a, b) in [
        ("18349115126", "18666662412"),
        ("17396220460", "13944444444"),
    ] {
        st.insert_friend(a, b, t);
        st.insert_friend(b, a, t);
    }
}

fn add_messages(st: &mut State, rng: &mut Rng, admin: Option<&String>) {
    let admin = admin.cloned().unwrap_or_default();
    let base = (EPOCH + 10_800) * 1000;
    let text = |st: &mut State,
                rng: &mut Rng,
                client: String,
                send: &str,
                recv: &str,
                group: &str,
                text: &str,
                at: i64| {
        let session_type = if group.is_empty() { 1 } else { 2 };
        let delivered_to = if group.is_empty() {
            vec![recv.to_string(), send.to_string()]
        } else {
            st.members_of(group).map(|m| m.user_id.clone()).collect()
        };
        st.messages.push(Message {
            server_msg_id: md5_hex(&format!("demo-server-{}", rng.next_u64())),
            client_msg_id: client,
            operation_id: format!("demo-{}", rng.below(1_000_000)),
            send_id: send.into(),
            recv_id: recv.into(),
            group_id: group.into(),
            sender_nickname: String::new(),
            sender_face_url: String::new(),
            sender_platform_id: 5,
            session_type,
            content_type: 101,
            msg_from: 200,
            content: text.into(),
            request_content: serde_json::json!({ "text": text }),
            force_list: None,
            not_offline_push: false,
            business_operation_id: String::new(),
            is_online_only: false,
            options: BTreeMap::new(),
            offline_push_info: serde_json::Value::Null,
            send_time: at,
            create_time: at,
            delivered_to,
        });
    };
    text(
        st,
        rng,
        DOC_CLIENT_MSG_ID.into(),
        &admin,
        "17396220460",
        "",
        "Welcome to OpenIM!",
        base,
    );
    let client = md5_hex(&format!("demo-client-{}", rng.next_u64()));
    text(
        st,
        rng,
        client,
        "17396220460",
        "",
        DOC_REVOKE_GROUP,
        "Release notes are out.",
        base + 60_000,
    );
}
