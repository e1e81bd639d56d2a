//! Startup data: the admin users every v2 server registers (docs/api.md#admins), and,
//! unless `--users 0`, a deterministic demo population for a given seed.
//!
//! Besides the generated users there is a fixed set: the user and group IDs
//! used by the API document's examples (so each example succeeds as written)
//! and one user whose profile holds markup, to check that it is shown as text.

use crate::cms_index::CmsIndex;
use crate::config::Config;
use crate::gotime::{day_of, weekday, DAY};
use crate::release::Release;
use crate::rng::{md5_hex, now_millis, now_secs, Rng};
use crate::state::{Group, Message, State, User};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
    // Gen A/B count messages by insert time, C by send time
    // (docs/cms.md#cms-buckets).
    st.cms = CmsIndex::new(config.release < Release::V2_3_2);
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
    let mut history = History::new(config.seed, now);
    add_fixed_users(&mut st);
    let generated = add_random_users(&mut st, &mut rng, &mut history, config.users);
    add_online(&mut st, &mut rng, &generated);
    add_groups(
        &mut st,
        &mut rng,
        &mut history,
        &generated,
        config.admins.first(),
        now,
    );
    add_friends_and_blacks(&mut st, &mut rng, &generated);
    add_remarks_and_requests(&mut st, &generated);
    add_messages(&mut st, &mut rng, config.admins.first());
    add_history_groups(&mut st, &mut history, &generated);
    add_history_messages(&mut st, &mut history, &generated, config.messages);
    st
}

/// How many days of history the demo data spans (about 13 months).
pub const HISTORY_DAYS: i64 = 395;

/// Times for the generated history: the last `HISTORY_DAYS` days up to
/// start-up, more of them recently (growth) and fewer at weekends, drawn
/// from a stream of their own so the rest of the demo data is what it was
/// for the seed. Deterministic for a seed and a start-up day.
pub struct History {
    rng: Rng,
    now: i64,
    /// First day of the history (day number).
    pub first_day: i64,
    /// Cumulative day weights, one per day from `first_day` to today.
    cum: Vec<f64>,
}

impl History {
    pub fn new(seed: u64, now: i64) -> History {
        let today = day_of(now);
        let first_day = today - HISTORY_DAYS;
        let mut cum = Vec::with_capacity(HISTORY_DAYS as usize + 1);
        let mut total = 0.0;
        for i in 0..=HISTORY_DAYS {
            let day = first_day + i;
            let growth = 0.3 + 0.7 * i as f64 / HISTORY_DAYS as f64;
            let rhythm = match weekday(day) {
                0 => 0.45,
                6 => 0.6,
                _ => 1.0,
            };
            total += growth * rhythm;
            cum.push(total);
        }
        History {
            rng: Rng::new(seed ^ 0x000C_3515_7041_u64),
            now,
            first_day,
            cum,
        }
    }

    /// A day of the history by weight, no later than `last_day`.
    fn day(&mut self, last_day: i64) -> i64 {
        let n = (last_day - self.first_day + 1).clamp(1, self.cum.len() as i64) as usize;
        let x = self.rng.unit() * self.cum[n - 1];
        let i = self.cum[..n].partition_point(|&c| c <= x).min(n - 1);
        self.first_day + i as i64
    }

    /// A time of the history (never exactly 00:00:00, mostly daytime),
    /// before start-up and no later than `last_day`.
    pub fn time(&mut self, last_day: i64) -> i64 {
        let day = self.day(last_day);
        let of_day = if self.rng.chance(85) {
            8 * 3600 + self.rng.below(15 * 3600) as i64
        } else {
            1 + self.rng.below(DAY as u64 - 1) as i64
        };
        let t = day * DAY + of_day;
        if t < self.now {
            t
        } else {
            day * DAY + 1 + (self.now - day * DAY - 1).max(0) / 2
        }
    }

    /// An index below `n`, skewed towards the first ones (a few busy
    /// senders and groups).
    fn skewed(&mut self, n: usize, power: f64) -> usize {
        ((n as f64 * self.rng.unit().powf(power)) as usize).min(n.saturating_sub(1))
    }

    fn today(&self) -> i64 {
        day_of(self.now)
    }
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

fn add_random_users(st: &mut State, rng: &mut Rng, history: &mut History, n: usize) -> Vec<String> {
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
            // Drawn as before, so the rest of the stream is unchanged; the
            // time itself comes from the history (docs/cms.md#cms-buckets).
            create_time: {
                rng.below(86_400 * 180);
                history.time(history.today())
            },
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
fn add_groups(
    st: &mut State,
    rng: &mut Rng,
    history: &mut History,
    ids: &[String],
    creator: Option<&String>,
    now: i64,
) {
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
        // Spread over the history, at least a week before start-up so the
        // expired mutes below have run out.
        let created = history.time(history.today() - 7);
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
        let mut joined = vec![(owner, 2, created)];
        let size = 3 + rng.below(40.min(ids.len() as u64));
        for k in 0..size {
            let uid = rng.pick(ids).clone();
            let role = if k < 2 { 3 } else { 1 };
            joined.push((uid, role, created + k as i64));
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
        st.push_message(Message {
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
            delivered_to: delivered_to.into(),
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

const HISTORY_TOPICS: [&str; 12] = [
    "Study Group",
    "读书会",
    "Running Club",
    "项目讨论组",
    "Photo Walks",
    "Parents Chat",
    "Game Night",
    "周末聚餐",
    "Open Source",
    "Book Swap",
    "Travel Plans",
    "技术分享",
];

/// Groups made over the history: one per 25 generated users (4 to 2,000),
/// each with its owner and 2 to 10 generated members, appended after the
/// other groups, so the group charts grow (docs/cms.md#cms-get-group-statistics).
fn add_history_groups(st: &mut State, history: &mut History, ids: &[String]) {
    if ids.len() < 3 {
        return;
    }
    let n = (ids.len() / 25).clamp(4, 2_000);
    for i in 0..n {
        let group_id = md5_hex(&format!("history-group-{i}-{}", history.rng.next_u64()));
        let topic = HISTORY_TOPICS[i % HISTORY_TOPICS.len()];
        let created = history.time(history.today() - 1);
        let owner = ids[history.rng.below(ids.len() as u64) as usize].clone();
        st.put_group(Group {
            group_id: group_id.clone(),
            group_name: format!("{topic} {}", i / HISTORY_TOPICS.len() + 1),
            create_time: created,
            creator_user_id: owner.clone(),
            ..Group::default()
        });
        st.insert_member(&group_id, &owner, 2, created);
        let size = 2 + history.rng.below(9);
        for k in 0..size {
            let uid = &ids[history.rng.below(ids.len() as u64) as usize];
            st.insert_member(&group_id, uid, 1, created + 60 * (k as i64 + 1));
        }
    }
}

const PHRASES: [&str; 24] = [
    "Good morning!",
    "See you at 3pm.",
    "Thanks, got it.",
    "Can you send me the file?",
    "On my way.",
    "Sounds good to me.",
    "Who is joining tonight?",
    "Happy birthday! 🎉",
    "The build is green again.",
    "Let's move the meeting to Friday.",
    "I'll check and get back to you.",
    "Nice photo!",
    "早上好！",
    "收到，谢谢。",
    "明天几点开会？",
    "我到了。",
    "周末一起吃饭吗？",
    "文件已经发你了。",
    "辛苦了！",
    "好的，没问题。",
    "Where are the slides?",
    "Lunch?",
    "Done ✅",
    "Call me when you're free.",
];

/// Who a history message goes between: two generated users, or a member
/// and their group.
enum Between {
    Users(usize, usize),
    Group(usize, usize),
}

/// `n` messages over the history (docs/cms.md#cms-get-chat-logs,
/// docs/cms.md#cms-get-messages-statistics): about 70% between two generated
/// users, the rest to groups by a member; a few busy senders and groups;
/// nobody sends before they were created or writes to a group before it
/// existed. Stored oldest first after the other messages, so the last
/// message stored is still the last one sent through the API.
fn add_history_messages(st: &mut State, history: &mut History, ids: &[String], n: usize) {
    if ids.len() < 2 || n == 0 {
        return;
    }
    let born: Vec<i64> = ids
        .iter()
        .map(|id| st.user(id).map_or(0, |u| u.create_time))
        .collect();
    // Groups that can be written to: alive, with two members or more.
    let groups: Vec<(String, i64, Arc<Vec<String>>)> = st
        .groups
        .iter()
        .filter(|g| g.status != 2)
        .map(|g| {
            let members: Vec<String> = st
                .members_of(&g.group_id)
                .map(|m| m.user_id.clone())
                .collect();
            (g.group_id.clone(), g.create_time, Arc::new(members))
        })
        .filter(|(_, _, m)| m.len() >= 2)
        .collect();
    let today = history.today();
    let now_ms = now_millis();
    let mut planned: Vec<(i64, Between)> = Vec::with_capacity(n);
    for _ in 0..n {
        let mut t = history.time(today);
        let between = if groups.is_empty() || history.rng.chance(70) {
            let a = history.skewed(ids.len(), 2.2);
            let mut b = history.rng.below(ids.len() as u64) as usize;
            if b == a {
                b = (b + 1) % ids.len();
            }
            t = t.max(born[a].max(born[b]) + 60);
            Between::Users(a, b)
        } else {
            let g = history.skewed(groups.len(), 1.6);
            let members = &groups[g].2;
            let m = history.rng.below(members.len() as u64) as usize;
            t = t.max(groups[g].1 + 60);
            Between::Group(g, m)
        };
        planned.push((t, between));
    }
    planned.sort_by_key(|p| p.0);
    st.messages.reserve(n);
    for (t, between) in planned {
        let ms = (t * 1000 + history.rng.below(1000) as i64).min(now_ms - 1);
        let ids_hex = |r: &mut Rng| format!("{:016x}{:016x}", r.next_u64(), r.next_u64());
        let client_msg_id = ids_hex(&mut history.rng);
        let server_msg_id = ids_hex(&mut history.rng);
        let (send_id, recv_id, group_id, session_type, delivered_to) = match between {
            Between::Users(a, b) => (
                ids[a].clone(),
                ids[b].clone(),
                String::new(),
                1,
                Arc::new(vec![ids[b].clone(), ids[a].clone()]),
            ),
            Between::Group(g, m) => {
                let (gid, _, members) = &groups[g];
                (
                    members[m].clone(),
                    String::new(),
                    gid.clone(),
                    2,
                    members.clone(),
                )
            }
        };
        let picture = history.rng.chance(5);
        let (content_type, content) = if picture {
            let url = format!("https://img.example.com/{}.jpg", &client_msg_id[..12]);
            (102, format!(r#"{{"sourcePicture":{{"url":"{url}"}}}}"#))
        } else {
            let phrase = PHRASES[history.rng.below(PHRASES.len() as u64) as usize];
            (101, phrase.to_string())
        };
        st.push_message(Message {
            server_msg_id,
            client_msg_id,
            operation_id: String::new(),
            send_id,
            recv_id,
            group_id,
            sender_nickname: String::new(),
            sender_face_url: String::new(),
            sender_platform_id: 1 + history.rng.below(5) as i64,
            session_type,
            content_type,
            msg_from: 100,
            content,
            request_content: serde_json::Value::Null,
            force_list: None,
            is_online_only: false,
            not_offline_push: false,
            business_operation_id: String::new(),
            options: BTreeMap::new(),
            offline_push_info: serde_json::Value::Null,
            send_time: ms,
            // Inserted into chat_logs a few milliseconds after the send.
            create_time: (ms + history.rng.below(40) as i64).min(now_ms - 1),
            delivered_to,
        });
    }
}
