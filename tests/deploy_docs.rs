//! The README shows deploy/nginx.conf verbatim, so what operators copy is
//! exactly what the end-to-end tests run in nginx.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn readme_shows_the_tested_nginx_recipe_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let recipe = std::fs::read_to_string(root.join("deploy/nginx.conf")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```nginx\n{recipe}```")),
        "README.md's nginx block differs from deploy/nginx.conf"
    );
}
